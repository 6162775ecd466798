package mnistlab.dsl;

/**
 * A problem in an experiment script, located by file, line and column (1-based; 0 when unknown).
 * The message reads {@code file:line:column: problem}, as compilers print them, or {@code file: problem}
 * when the problem has no line (a file that cannot be read, a {@code --set} argument).
 */
public class DslException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The script's name, or the --set argument. */
    private final String file;
    /** 1-based; 0 when the problem has no line. */
    private final int line;
    /** 1-based; 0 when unknown. */
    private final int column;
    /** What is wrong, without the location. */
    private final String problem;

    /**
     * A located problem.
     * @param file the script's name, or the --set argument
     * @param line 1-based, 0 when the problem has no line
     * @param column 1-based, 0 when unknown
     * @param problem what is wrong
     * @param cause the underlying exception, or null
     */
    public DslException(String file, int line, int column, String problem, Throwable cause) {
        super((line > 0 ? file + ":" + line + ":" + column : file) + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** @return the script's name, or the --set argument */
    public String file() {
        return file;
    }

    /** @return the line, 1-based; 0 when none */
    public int line() {
        return line;
    }

    /** @return the column, 1-based; 0 when unknown */
    public int column() {
        return column;
    }

    /**
     * The message without the location.
     * @return what is wrong
     */
    public String problem() {
        return problem;
    }
}
