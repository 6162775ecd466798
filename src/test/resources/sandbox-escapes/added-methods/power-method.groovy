def big = 3.power(600000000)
