package mnistlab.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Decides when an input is complete. Groovy: JLine's DefaultParser asks for more lines while a
 * bracket or quote is open, outside {@code //} and {@code /* *}{@code /} comments. Java: JShell's
 * own completeness analysis. Colon commands are always one line.
 */
final class ReplParser extends DefaultParser {
    private final BooleanSupplier javaMode;
    private final Predicate<String> javaComplete;

    ReplParser(BooleanSupplier javaMode, Predicate<String> javaComplete) {
        this.javaMode = javaMode;
        this.javaComplete = javaComplete;
        setEofOnUnclosedBracket(Bracket.CURLY, Bracket.ROUND, Bracket.SQUARE);
        setEofOnUnclosedQuote(true);
        setLineCommentDelims(new String[] {"//"});
        setBlockCommentDelims(new BlockCommentDelims("/*", "*/"));
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (line.startsWith(":")) {
            return super.parse(line, cursor, ParseContext.COMPLETE);
        }
        if (context == ParseContext.ACCEPT_LINE && javaMode.getAsBoolean()) {
            if (!javaComplete.test(line)) {
                throw new EOFError(-1, -1, "incomplete Java", "more");
            }
            return super.parse(line, cursor, ParseContext.COMPLETE);
        }
        return super.parse(line, cursor, context);
    }
}
