def p = 'binding'
def b = this."$p"
