@Grab('commons-io:commons-io:2.11.0')
def x = 1
