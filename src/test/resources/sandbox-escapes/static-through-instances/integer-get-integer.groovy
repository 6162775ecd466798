def i = 1.getInteger('x')
