def spin() { while (true) { } }
model { spin() }
