def e = macro { System.exit(3) }
