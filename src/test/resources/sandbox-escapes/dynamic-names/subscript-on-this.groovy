def b = this['binding']
