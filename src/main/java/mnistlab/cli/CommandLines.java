package mnistlab.cli;

import mnistlab.i18n.Messages;
import picocli.CommandLine;

import java.util.ResourceBundle;

/**
 * What every bin/ command shares: {@code --lang}, usage help in the chosen language, and a failure
 * is one line after the command's name, and exit 1.
 */
final class CommandLines {
    /** The Chinese --help; the English one is the annotations' own text. */
    static final String USAGE = "mnistlab.i18n.usage";

    private CommandLines() {
    }

    static CommandLine oneLineErrors(Object command, String name) {
        CommandLine cl = new CommandLine(command);
        cl.addMixin("lang", new LanguageOption());
        translateUsage(cl);
        // --lang is known once the arguments are parsed, before --help prints
        cl.setExecutionStrategy(parseResult -> {
            translateUsage(cl);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((e, line, parseResult) -> {
            line.getErr().println(failure(name, e.getMessage()));
            return ExitCodes.RUNTIME_ERROR;
        });
        return cl;
    }

    private static void translateUsage(CommandLine cl) {
        if (Messages.locale().equals(Messages.CHINESE)) {
            cl.setResourceBundle(ResourceBundle.getBundle(USAGE, Messages.CHINESE));
        }
    }

    /** One line of a command's error output: its name, then what went wrong. */
    static String failure(String command, String problem) {
        return Messages.get("cli.failure", command, problem);
    }
}
