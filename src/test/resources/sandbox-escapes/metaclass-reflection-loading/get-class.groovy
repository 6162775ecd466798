this.getClass().classLoader
