def m = 'evaluate'
this."$m"('1')
