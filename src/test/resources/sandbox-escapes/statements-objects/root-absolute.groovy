dataset mnist { root '/tmp' }
