def l = (1..2000000000).toList()
