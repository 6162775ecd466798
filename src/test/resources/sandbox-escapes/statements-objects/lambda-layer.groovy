model { lambda('x') { x -> x.getManager() } }
