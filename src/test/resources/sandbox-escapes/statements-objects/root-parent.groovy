dataset mnist { root '../outside' }
