def c = String.class
