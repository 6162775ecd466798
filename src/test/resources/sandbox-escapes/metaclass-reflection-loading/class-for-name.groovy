Class.forName('java.lang.Runtime')
