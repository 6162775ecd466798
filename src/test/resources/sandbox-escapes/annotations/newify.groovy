@Newify(File)
def f() { File('OUT/pwned').text = 'x' }
f()
