new GroovyShell().evaluate('1')
