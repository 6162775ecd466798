package mnistlab.interop;

import java.io.IOException;

/** A parameter file or name map that cannot be read or does not fit the model; its message names the file. */
public final class InteropException extends IOException {
    /**
     * @param message one line naming the file and what is wrong
     */
    public InteropException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and what is wrong
     * @param cause   what the library said
     */
    public InteropException(String message, Throwable cause) {
        super(message, cause);
    }
}
