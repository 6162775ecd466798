package mnistlab.dsl;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where in the script a call came from: the innermost stack frame compiled from the
 * script's file name gives the line; the keyword's position in that line gives the column.
 */
final class Locator {
    private final String fileName;
    private final List<String> lines;

    Locator(String fileName, String source) {
        this.fileName = fileName;
        this.lines = source.lines().toList();
    }

    String fileName() {
        return fileName;
    }

    /** The script line of the innermost script frame in the throwable's stack, or 0. */
    int line(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (fileName.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return 0;
    }

    /** The line the script is executing now (for recording where a layer was declared). */
    int currentLine() {
        return line(new Throwable());
    }

    /** 1-based column of the word in the line (first occurrence as a whole word), or of the first non-blank. */
    int column(int line, String word) {
        if (line <= 0 || line > lines.size()) {
            return 0;
        }
        String text = lines.get(line - 1);
        if (word != null) {
            Matcher m = Pattern
                    .compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(text);
            if (m.find()) {
                return m.start() + 1;
            }
        }
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i + 1;
    }

    DslException error(Throwable cause, String keyword, String problem) {
        int line = line(cause);
        return new DslException(fileName, line, column(line, keyword), problem, cause);
    }
}
