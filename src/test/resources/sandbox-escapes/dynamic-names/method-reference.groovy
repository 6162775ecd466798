def p = this::evaluate
