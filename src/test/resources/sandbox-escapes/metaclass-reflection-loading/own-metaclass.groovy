metaClass.boom = { -> 1 }
