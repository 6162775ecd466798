package mnistlab.dsl;

/**
 * A problem in an experiment script, located by file, line and column (1-based; 0 when unknown).
 * The message reads {@code file:line:column: problem}, as compilers print them, or {@code file: problem}
 * when the problem has no line (a file that cannot be read, a {@code --set} argument).
 */
public class DslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    public DslException(String file, int line, int column, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line + ":" + column : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
