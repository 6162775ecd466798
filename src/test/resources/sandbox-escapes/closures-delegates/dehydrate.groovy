def c = { -> 1 }
def d = c.dehydrate()
