'x'.with { it.getClass() }
