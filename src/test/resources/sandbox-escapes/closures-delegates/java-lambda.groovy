def f = (int x) -> x * 2
