@groovy.transform.Field
def out = 1
