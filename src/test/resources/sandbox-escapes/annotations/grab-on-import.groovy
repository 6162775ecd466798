@Grab('commons-io:commons-io:2.11.0')
import org.apache.commons.io.FileUtils
