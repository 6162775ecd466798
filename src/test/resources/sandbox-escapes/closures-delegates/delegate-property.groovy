def c = { -> 1 }
c.delegate = 'x'
