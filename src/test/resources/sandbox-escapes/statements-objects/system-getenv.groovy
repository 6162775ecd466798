System.getenv('HOME')
