package mnistlab.data;

import java.nio.file.Path;
import java.util.Map;

/** The outcome of a fetch: the folder holding the verified files and the source each came from. */
public record FetchResult(DatasetInfo info, Path dir, Map<DataFile, String> sourceUsed) {

    /**
     * Copies the sources.
     * @param info the data set
     * @param dir the folder holding the verified files
     * @param sourceUsed where each file came from
     */
    public FetchResult {
        sourceUsed = Map.copyOf(sourceUsed);
    }

    /**
     * @param file one of the data set's files
     * @return where it is
     */
    public Path path(DataFile file) {
        return dir.resolve(file.name());
    }
}
