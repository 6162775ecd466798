def p = 'abc'['value']
