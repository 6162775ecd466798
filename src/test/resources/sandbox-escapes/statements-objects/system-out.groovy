System.out.println('x')
