def f(@Deprecated int x) { x }
