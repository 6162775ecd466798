package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed IDX file; the message names the file and the byte offset where reading failed. */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public IdxFormatException(Path file, long offset, String problem) {
        super(Messages.get("idx.problem", file, problem, offset));
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
