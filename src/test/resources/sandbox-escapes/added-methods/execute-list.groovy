['id'].execute()
