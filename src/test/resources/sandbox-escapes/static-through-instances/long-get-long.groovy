def l = 1L.getLong('x')
