String.metaClass.boom = { -> 1 }
