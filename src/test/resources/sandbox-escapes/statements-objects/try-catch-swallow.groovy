try { while (true) { } } catch (Throwable t) { }
