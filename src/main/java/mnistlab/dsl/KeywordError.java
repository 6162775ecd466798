package mnistlab.dsl;

import java.util.function.Supplier;

/**
 * Thrown by the DSL's builders for a wrong keyword or value; {@link ScriptLoader} adds the
 * script location from the stack and turns it into a {@link DslException}; the keyword's position
 * in the line becomes the column.
 */
class KeywordError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String keyword;

    KeywordError(String keyword, String message) {
        super(message);
        this.keyword = keyword;
    }

    /**
     * What {@code made} makes, a spec record's refusal turned into an error at the keyword: the
     * records hold the validation, the builders only say where it failed.
     */
    static <T> T checked(String keyword, Supplier<T> made) {
        try {
            return made.get();
        } catch (IllegalArgumentException e) {
            throw new KeywordError(keyword, e.getMessage());
        }
    }

    String keyword() {
        return keyword;
    }
}
