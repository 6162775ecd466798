package mnistlab.repl;

/** A user-facing REPL error: its message is shown as is; the cause is kept for {@code :trace}. */
final class ReplException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplException(String message, Throwable cause) {
        super(message, cause);
    }
}
