package mnistlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** No source of the fetch chain could supply some file; the message lists every source tried and why. */
public class DataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Lists every file that could not be had and why, source by source.
     * @param info the data set
     * @param dir where the files were to go
     * @param failures for each missing file, what each source said
     */
    public DataUnavailableException(DatasetInfo info, Path dir, Map<DataFile, List<String>> failures) {
        super(message(info, dir, failures));
    }

    private static String message(DatasetInfo info, Path dir, Map<DataFile, List<String>> failures) {
        StringBuilder sb = new StringBuilder("could not obtain ").append(info.name()).append(':');
        failures.forEach((file, reasons) -> {
            sb.append("\n  ").append(file.name()).append(':');
            reasons.forEach(r -> sb.append("\n    - ").append(r));
        });
        sb.append("\nTo place the files by hand, put them (raw or .gz) into ").append(dir).append(':');
        for (DataFile file : info.files()) {
            sb.append("\n  ").append(file.name()).append("  (uncompressed MD5 ").append(file.rawMd5())
                    .append(", .gz MD5 ").append(file.gzMd5()).append(')');
        }
        return sb.toString();
    }
}
