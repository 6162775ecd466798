def c = { @Deprecated x -> x }
