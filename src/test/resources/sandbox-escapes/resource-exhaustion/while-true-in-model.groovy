model { while (true) { } }
