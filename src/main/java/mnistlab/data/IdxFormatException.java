package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed IDX file; the message names the file and the byte offset where reading failed. */
public class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** Where in the file, in bytes. */
    private final long offset;

    /**
     * A structural problem in an IDX file.
     * @param file the file
     * @param offset where, in bytes
     * @param problem what was found and what was expected
     */
    public IdxFormatException(Path file, long offset, String problem) {
        super(Messages.get("idx.problem", file, problem, offset));
        this.file = file;
        this.offset = offset;
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return where, in bytes */
    public long offset() {
        return offset;
    }
}
