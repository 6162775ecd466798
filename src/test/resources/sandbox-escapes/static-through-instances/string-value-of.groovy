def s = 'x'.valueOf(1)
