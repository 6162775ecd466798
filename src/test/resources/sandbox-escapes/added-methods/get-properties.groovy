def p = 'x'.getProperties()
