def names = [1, 2]['class']
