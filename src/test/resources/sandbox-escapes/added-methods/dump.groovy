def d = 'x'.dump()
