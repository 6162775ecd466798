int[] a = new int[1000000000]
