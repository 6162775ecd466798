def x = 1 / 3
x = x * x
