package mnistlab.cli;

import mnistlab.i18n.Messages;
import mnistlab.serve.LabServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code bin/mnist-serve [RUNS_DIR]}: the lab's page on this machine until Ctrl-C. */
@Command(name = "mnist-serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the lab's page: runs and their curves, the confusion explorer, drawing a digit.")
public final class ServeCommand implements Callable<Integer> {
    @Parameters(descriptionKey = "help.serve.runsDir", arity = "0..1", paramLabel = "RUNS_DIR", defaultValue = "runs",
            description = "run folders (default: ${DEFAULT-VALUE})")
    Path runs;

    @Option(descriptionKey = "help.serve.port", names = "--port", defaultValue = "0",
            description = "port (default: a free one, printed at start)")
    int port;

    @Option(descriptionKey = "help.serve.host", names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("serve.badPort", port));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (LabServer lab = LabServer.start(runs, host, port, System.err)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "mnist-serve-stop"));
            out.println(Messages.get("serve.started", lab.uri(), runs.toAbsolutePath()));
            out.flush();
            stopped.await();
        }
        return 0;
    }

    /**
     * bin/mnist-serve.
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, for tests and embedding.
     * @return the command line
     */
    public static CommandLine commandLine() {
        return CommandLines.oneLineErrors(new ServeCommand(), "mnist-serve");
    }
}
