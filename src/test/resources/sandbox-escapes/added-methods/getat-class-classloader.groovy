def c = this['class']['classLoader']
