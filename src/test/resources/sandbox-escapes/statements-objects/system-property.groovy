System.getProperty('user.home')
