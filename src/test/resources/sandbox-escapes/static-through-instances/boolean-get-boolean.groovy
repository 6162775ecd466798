def b = true.getBoolean('user.home')
