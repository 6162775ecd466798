def l = []
while (true) { l << 1 }
