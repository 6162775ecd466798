def parts = 'aaaa'.split('(a+)+c')
