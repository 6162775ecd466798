package mnistlab.i18n;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every English sentence has a Chinese one with the same values in it, every key the code asks
 * for exists, and no sentence is glued together from pieces a translation could not reorder.
 */
class MessagesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern CONVERSION = Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?([a-zA-Z%])");
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z]+\\.[A-Za-z0-9.]+)\"");

    @AfterEach
    void backToEnglish() {
        Messages.use(Messages.ENGLISH);
    }

    /** One language's file as written, without the fallback a ResourceBundle adds. */
    private static Properties file(String name) throws IOException {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(MessagesTest.class.getResourceAsStream("/mnistlab/i18n/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    private static Properties english() throws IOException {
        return file("messages.properties");
    }

    private static Properties chinese() throws IOException {
        return file("messages_zh.properties");
    }

    @Test
    void everyEnglishSentenceHasAChineseOneWithTheSameValues() throws IOException {
        Properties en = english();
        Properties zh = chinese();
        Set<String> keys = en.stringPropertyNames();
        assertTrue(keys.size() > 200, "the bundle has " + keys.size() + " sentences");
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            String english = en.getProperty(key);
            String chinese = zh.getProperty(key);
            if (chinese == null) {
                problems.add(key + ": no Chinese sentence");
                continue;
            }
            if (!conversions(english).equals(conversions(chinese))) {
                problems.add(key + ": English has " + conversions(english) + ", Chinese " + conversions(chinese));
            }
            if (chinese.equals(english) && english.matches(".*[A-Za-z]{3,} [A-Za-z]{3,}.*")) {
                problems.add(key + ": the Chinese sentence is the English one");
            }
        }
        for (String key : zh.stringPropertyNames()) {
            if (!keys.contains(key)) {
                problems.add(key + ": Chinese only");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A lone % or a conversion that does not fit its kind of value fails only when the sentence is shown. */
    @Test
    void everySentenceFormatsWithValuesOfItsKinds() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Properties language : List.of(english(), chinese())) {
            for (String key : language.stringPropertyNames()) {
                Map<Integer, String> kinds = conversions(language.getProperty(key));
                Object[] values = new Object[kinds.keySet().stream().max(Integer::compare).orElse(0)];
                kinds.forEach((index, conversion) -> values[index - 1] = sample(conversion));
                try {
                    String.format(Locale.ROOT, language.getProperty(key), values);
                } catch (IllegalFormatException e) {
                    problems.add(key + ": " + e);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Object sample(String conversion) {
        char kind = conversion.charAt(conversion.length() - 1);
        return switch (kind) {
            case 'd', 'x', 'X' -> 42;
            case 'f', 'e', 'g' -> 0.5;
            default -> "value";
        };
    }

    @Test
    void aSentenceWithSeveralValuesNumbersThemSoATranslationCanReorderThem() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Properties language : List.of(english(), chinese())) {
            for (String key : language.stringPropertyNames()) {
                String pattern = language.getProperty(key);
                Matcher m = CONVERSION.matcher(pattern);
                int values = 0;
                boolean unnumbered = false;
                while (m.find()) {
                    if (!m.group(3).equals("%") && !m.group(3).equals("n")) {
                        values++;
                        unnumbered |= m.group(1) == null;
                    }
                }
                if (values > 1 && unnumbered) {
                    problems.add(key + ": " + pattern);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheCodeNamesExistsAndEverySentenceIsUsed() throws IOException {
        Set<String> named = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (Path file : javaSources()) {
            Matcher m = KEY_LITERAL.matcher(Files.readString(file));
            while (m.find()) {
                named.add(m.group(1));
            }
            Matcher call = Pattern.compile("Messages\\.get\\(\"([^\"]+)\"").matcher(Files.readString(file));
            while (call.find()) {
                if (!english().containsKey(call.group(1))) {
                    missing.add(file.getFileName() + ": " + call.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
        Set<String> unused = new TreeSet<>(english().stringPropertyNames());
        unused.removeAll(named);
        assertEquals(Set.of(), unused, "sentences no code shows");
    }

    /** {@code "text " + Messages.get(…)} or {@code Messages.get(…) + " text"} would fix the word order. */
    @Test
    void noSentenceIsGluedToWordsOutsideTheBundle() throws IOException {
        List<String> glued = new ArrayList<>();
        for (Path file : javaSources()) {
            String source = Files.readString(file);
            int at = -1;
            while ((at = source.indexOf("Messages.get(", at + 1)) >= 0) {
                int end = closingParenthesis(source, at + "Messages.get".length());
                String after = source.substring(end + 1).stripLeading();
                String before = source.substring(0, at).stripTrailing();
                if (after.startsWith("+") && startsWithWords(after.substring(1).stripLeading())
                        || before.endsWith("+") && endsWithWords(before.substring(0, before.length() - 1).stripTrailing())) {
                    glued.add(file.getFileName() + ": " + source.substring(Math.max(0, at - 40), Math.min(source.length(), end + 40))
                            .replaceAll("\\s+", " "));
                }
            }
        }
        assertEquals(List.of(), glued);
    }

    @Test
    void theEnvironmentChoosesTheLanguageInPosixOrder() {
        assertEquals(Messages.CHINESE, Messages.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8")));
        assertEquals(Messages.CHINESE, Messages.fromEnvironment(Map.of("LC_MESSAGES", "zh_TW", "LANG", "en_US.UTF-8")));
        assertEquals(Messages.ENGLISH, Messages.fromEnvironment(Map.of("LC_ALL", "C.UTF-8", "LANG", "zh_CN.UTF-8")));
        assertEquals(Messages.ENGLISH, Messages.fromEnvironment(Map.of("LC_ALL", "", "LANG", "de_DE.UTF-8")));
        assertEquals(Messages.ENGLISH, Messages.fromEnvironment(Map.of()));
        // what the launchers keep when they run the JVM under C.UTF-8
        assertEquals(Messages.CHINESE, Messages.fromEnvironment(Map.of("MNISTLAB_LOCALE", "zh_CN.UTF-8", "LC_ALL", "C.UTF-8")));
        assertEquals(Messages.ENGLISH, Messages.fromEnvironment(Map.of("MNISTLAB_LOCALE", "C", "LC_ALL", "C.UTF-8", "LANG", "zh_CN")));
        assertEquals(Messages.CHINESE, Messages.parse("zh-CN"));
        assertEquals(Messages.ENGLISH, Messages.parse("en"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Messages.parse("fr"));
        assertEquals("unknown language 'fr': use en or zh", e.getMessage());
    }

    @Test
    void aChineseSentencePutsTheValuesWhereChineseGrammarWantsThem() {
        Messages.use(Locale.forLanguageTag("zh-CN"));
        assertEquals("集成的测试准确率：99.70 %（10000 张测试图片中 9970 张正确；损失 0.0123）",
                Messages.get("series.ensemble", 99.7, 9970, 10000, 0.0123));
        Messages.use(Messages.ENGLISH);
        assertEquals("Ensemble test accuracy: 99.70 % (9970 of 10000 test images; loss 0.0123)",
                Messages.get("series.ensemble", 99.7, 9970, 10000, 0.0123));
    }

    private static List<Path> javaSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    /** The conversions of a pattern by value number: {1=d, 2=.2f}. */
    private static Map<Integer, String> conversions(String pattern) {
        Map<Integer, String> out = new TreeMap<>();
        Matcher m = CONVERSION.matcher(pattern);
        int next = 1;
        while (m.find()) {
            if (m.group(3).equals("%") || m.group(3).equals("n")) {
                continue;
            }
            int index = m.group(1) == null ? next++ : Integer.parseInt(m.group(1).substring(0, m.group(1).length() - 1));
            out.put(index, m.group(0).replaceFirst("^%(\\d+\\$)?", ""));
        }
        return out;
    }

    private static int closingParenthesis(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced call at " + open);
    }

    /** A string literal holding a word (two letters or more), as opposed to a newline or an escape code. */
    private static boolean startsWithWords(String code) {
        Matcher m = Pattern.compile("^\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(code);
        return m.find() && hasWord(m.group(1));
    }

    private static boolean endsWithWords(String code) {
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"$").matcher(code);
        return m.find() && hasWord(m.group(1));
    }

    private static boolean hasWord(String literal) {
        return literal.replaceAll("\\\\u[0-9a-fA-F]{4}|\\\\.", " ").matches("(?s).*[A-Za-z]{2,}.*");
    }
}
