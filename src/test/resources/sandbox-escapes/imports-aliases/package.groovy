package evil
