synchronized (this) { }
