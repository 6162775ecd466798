@groovy.transform.CompileStatic(groovy.transform.TypeCheckingMode.SKIP)
def boom() { new File('OUT/pwned').text = 'x' }
boom()
