def r = 'x'.respondsTo('execute')
