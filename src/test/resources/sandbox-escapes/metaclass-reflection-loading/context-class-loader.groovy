Thread.currentThread().contextClassLoader
