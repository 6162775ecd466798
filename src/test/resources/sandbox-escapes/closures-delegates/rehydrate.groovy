def c = { -> 1 }
c.rehydrate(System, System, System)
