assert false
