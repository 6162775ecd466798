@groovy.transform.CompileDynamic
def read() { new File('/etc/hostname').text }
read()
