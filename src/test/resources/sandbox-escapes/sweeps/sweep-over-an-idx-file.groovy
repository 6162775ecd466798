sweep { random 2, 'dataset.trainImages': choice('/etc/passwd') }
