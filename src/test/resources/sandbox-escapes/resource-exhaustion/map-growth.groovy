def m = [:]
int i = 0
while (true) { m.put(i, i); i++ }
