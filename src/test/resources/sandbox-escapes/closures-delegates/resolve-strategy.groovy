def c = { -> 1 }
c.resolveStrategy = Closure.DELEGATE_ONLY
