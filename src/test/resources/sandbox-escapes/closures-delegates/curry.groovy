def c = { a, b -> a }
def d = c.curry(1)
