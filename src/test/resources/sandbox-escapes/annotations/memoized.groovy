@groovy.transform.Memoized
int f(int x) { x }
