import java.io.File
