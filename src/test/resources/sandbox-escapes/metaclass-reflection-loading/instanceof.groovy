def b = 1 instanceof Integer
