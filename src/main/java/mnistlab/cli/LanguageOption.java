package mnistlab.cli;

import mnistlab.i18n.Messages;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** {@code --lang en|zh}, which every bin/ command takes; without it the environment's locale decides. */
final class LanguageOption {
    @Option(names = "--lang", paramLabel = "en|zh", converter = Language.class, scope = ScopeType.INHERIT,
            descriptionKey = "help.lang", description = "language of messages and reports: en or zh (default: from LC_ALL, LC_MESSAGES or LANG)")
    void language(Locale language) {
        Messages.use(language);
    }

    /** picocli's one-line "Invalid value for option '--lang': …" for anything but en or zh. */
    static final class Language implements ITypeConverter<Locale> {
        @Override
        public Locale convert(String value) {
            try {
                return Messages.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
