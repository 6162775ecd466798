def m = 'exit'
Math."$m"(1)
