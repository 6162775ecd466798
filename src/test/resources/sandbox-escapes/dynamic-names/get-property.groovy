getProperty('binding')
