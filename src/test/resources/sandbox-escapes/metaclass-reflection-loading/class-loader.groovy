this.class.classLoader.loadClass('java.lang.Runtime')
