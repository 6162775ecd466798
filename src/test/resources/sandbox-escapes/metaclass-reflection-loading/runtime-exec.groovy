Runtime.runtime.exec('id')
