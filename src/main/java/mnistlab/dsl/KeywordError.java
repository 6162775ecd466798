package mnistlab.dsl;

/**
 * Thrown by the DSL's builders for a wrong keyword or value; {@link ScriptLoader} adds the
 * script location from the stack and turns it into a {@link DslException}.
 *
 * @param keyword the keyword whose position in the line becomes the column, or null
 */
class KeywordError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String keyword;

    KeywordError(String keyword, String message) {
        super(message);
        this.keyword = keyword;
    }

    String keyword() {
        return keyword;
    }
}
