Thread.start { }
