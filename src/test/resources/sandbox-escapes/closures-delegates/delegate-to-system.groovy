def c = { -> exit(0) }
c.delegate = System
c()
