package mnistlab.cli;

import mnistlab.repl.Repl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bin/mnist-repl [SCRIPT]}: the interactive shell. */
@Command(name = "mnist-repl", mixinStandardHelpOptions = true,
        description = "Interactive shell: load an experiment, train, inspect tensors, images and predictions (Groovy or Java).")
public final class ReplCommand implements Callable<Integer> {

    @Parameters(descriptionKey = "help.repl.script", arity = "0..1", paramLabel = "SCRIPT",
            description = "an experiment script to load first")
    Path script;

    @Option(descriptionKey = "help.repl.history", names = "--history",
            description = "history file (default: ~/.mnist-lab/repl_history)")
    Path history = Path.of(System.getProperty("user.home"), ".mnist-lab", "repl_history");

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(history.toAbsolutePath().getParent());
        // A dumb terminal when stdin/stdout are not a console (pipes, CI): no escape codes then.
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true)
                .encoding(StandardCharsets.UTF_8).build();
             Repl repl = new Repl(terminal, history)) {
            if (script != null) {
                repl.preload(script);
            }
            repl.run();
        }
        return 0;
    }

    /**
     * bin/mnist-repl.
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(CommandLines.oneLineErrors(new ReplCommand(), "mnist-repl").execute(args));
    }
}
