'x'.sleep(100000)
