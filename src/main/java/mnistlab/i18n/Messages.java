package mnistlab.i18n;

import java.util.Formatter;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every sentence mnist-lab shows a person, in English or Chinese, from the resource bundle
 * {@code mnistlab/i18n/messages}. Sentences are {@link Formatter} patterns whose arguments are
 * numbered ({@code %1$s}, {@code %2$.2f}) when there are several, so that a translation can put the
 * values where its grammar needs them; numbers are formatted the same way in both languages.
 *
 * <p>The language is Chinese when {@code --lang zh} says so, or when the environment's locale
 * ({@code LC_ALL}, then {@code LC_MESSAGES}, then {@code LANG}, as POSIX orders them) starts with
 * {@code zh}; English otherwise. The environment is read directly rather than through the JVM's
 * default locale, which falls back to English when the machine has no {@code zh_CN} locale
 * generated. {@code MNISTLAB_LOCALE} comes before them: the launchers keep the locale asked for
 * there when they run the JVM under {@code C.UTF-8} for want of a UTF-8 locale (bin/launch.sh).
 */
public final class Messages {
    private static final String BUNDLE = "mnistlab.i18n.messages";
    /** English, the language unless the command line or the environment asks for Chinese. */
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** Simplified Chinese. */
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private static volatile Locale locale = fromEnvironment(System.getenv());

    private Messages() {
    }

    /**
     * The sentence {@code key} in the current language with {@code args} in its places.
     *
     * @param key  the sentence's key in the bundle
     * @param args the values for its {@code %1$s}, {@code %2$s}, … places
     * @return the formatted sentence
     * @throws MissingResourceException when the bundle has no such key
     */
    public static String get(String key, Object... args) {
        return String.format(Locale.ROOT, bundle(locale).getString(key), args);
    }

    /** @return the language sentences are shown in */
    public static Locale locale() {
        return locale;
    }

    /**
     * Shows later sentences in this language (the command line's {@code --lang}, or an embedder's choice).
     *
     * @param language {@link #ENGLISH} or {@link #CHINESE}; any other language means English
     */
    public static void use(Locale language) {
        locale = isChinese(language.getLanguage()) ? CHINESE : ENGLISH;
    }

    /**
     * The language a {@code --lang} value names.
     *
     * @param name {@code en} or {@code zh}, optionally with a region ({@code zh_CN}, {@code zh-CN})
     * @return {@link #ENGLISH} or {@link #CHINESE}
     * @throws IllegalArgumentException for any other value
     */
    public static Locale parse(String name) {
        String language = name.trim().toLowerCase(Locale.ROOT).split("[_.-]", 2)[0];
        if (isChinese(language)) {
            return CHINESE;
        }
        if (language.equals("en")) {
            return ENGLISH;
        }
        throw new IllegalArgumentException(get("lang.unknown", name));
    }

    /**
     * The language a process environment asks for.
     *
     * @param environment variables such as {@link System#getenv()}
     * @return {@link #CHINESE} when the first of MNISTLAB_LOCALE, LC_ALL, LC_MESSAGES and LANG that is
     *         set starts with zh
     */
    public static Locale fromEnvironment(Map<String, String> environment) {
        for (String variable : new String[] {"MNISTLAB_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                return isChinese(value.toLowerCase(Locale.ROOT).split("[_.@-]", 2)[0]) ? CHINESE : ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** One language's sentences; English ones stand in for any a translation lacks. */
    private static ResourceBundle bundle(Locale language) {
        // No fallback to the JVM's default locale: English asked for on a Chinese machine stays English.
        return ResourceBundle.getBundle(BUNDLE, language, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static boolean isChinese(String language) {
        return language.equals("zh");
    }
}
