@GrabConfig(systemClassLoader = true)
def x = 1
