'id'.execute()
