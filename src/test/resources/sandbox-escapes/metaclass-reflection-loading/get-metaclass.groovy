def m = getMetaClass()
