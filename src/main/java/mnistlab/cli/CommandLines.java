package mnistlab.cli;

import picocli.CommandLine;

/** What every bin/ command shares: a failure is one line after the command's name, and exit 1. */
final class CommandLines {
    static final int RUNTIME_ERROR = 1;

    private CommandLines() {
    }

    static CommandLine oneLineErrors(Object command, String name) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, line, parseResult) -> {
            line.getErr().println(name + ": " + e.getMessage());
            return RUNTIME_ERROR;
        });
        return cl;
    }
}
