java.nio.file.Files.readAllLines(java.nio.file.Path.of('/etc/hostname'))
