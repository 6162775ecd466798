def s = 'x'.format('%0999999999d', 1)
