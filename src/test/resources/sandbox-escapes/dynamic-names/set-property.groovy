setProperty('x', 1)
