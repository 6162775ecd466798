def c = { -> 1 }
c.setDelegate('x')
