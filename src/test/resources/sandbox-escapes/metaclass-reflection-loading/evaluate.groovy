evaluate('System.exit(1)')
