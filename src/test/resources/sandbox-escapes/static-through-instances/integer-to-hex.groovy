def s = 1.toHexString(255)
