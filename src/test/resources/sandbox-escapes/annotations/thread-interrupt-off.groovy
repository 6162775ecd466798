@groovy.transform.ThreadInterrupt(checkOnMethodStart = false)
def x = 1
