def s = 'x'.repeat(1000000000)
