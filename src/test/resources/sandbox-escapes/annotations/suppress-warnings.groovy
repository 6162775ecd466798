@SuppressWarnings('all')
def x = 1
