def c = 'java.lang.Runtime' as Class
