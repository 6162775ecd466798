def u = 'file:///etc/hostname'.toURL()
