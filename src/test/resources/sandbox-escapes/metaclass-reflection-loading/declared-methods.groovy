def ms = 1.getClass().declaredMethods
