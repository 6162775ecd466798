@groovy.transform.TypeChecked(groovy.transform.TypeCheckingMode.SKIP)
def boom() { System.exit(3) }
boom()
