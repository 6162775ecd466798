@groovy.transform.ASTTest(phase = org.codehaus.groovy.control.CompilePhase.CONVERSION, value = { new File('OUT/pwned').text = 'x' })
def helper() { 1 }
