def c = { -> 1 }
def o = c.owner
