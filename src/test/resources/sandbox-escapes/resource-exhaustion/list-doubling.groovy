def l = [1]
while (true) { l = l + l }
