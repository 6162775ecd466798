int f(int n) { f(n + 1) }
f(0)
