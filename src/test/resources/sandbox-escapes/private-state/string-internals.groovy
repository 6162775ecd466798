def bytes = 'abc'.value
