package mnistlab.data;

import java.nio.file.Path;
import java.util.Map;

/** The outcome of a fetch: the folder holding the verified files and the source each came from. */
public record FetchResult(DatasetInfo info, Path dir, Map<DataFile, String> sourceUsed) {

    public FetchResult {
        sourceUsed = Map.copyOf(sourceUsed);
    }

    public Path path(DataFile file) {
        return dir.resolve(file.name());
    }
}
