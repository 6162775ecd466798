package mnistlab.cli;

import mnistlab.dsl.DslException;
import mnistlab.dsl.SandboxLimits;
import mnistlab.dsl.ScriptLoader;
import mnistlab.i18n.Messages;
import mnistlab.interop.InteropException;
import mnistlab.interop.ModelImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/mnist-import PTH --script SCRIPT}: a PyTorch state_dict (.pth or .safetensors) into a
 * new run folder, evaluated on the test set. Exit codes: 0 imported, 2 a file that cannot be read
 * or does not fit the script's model (one line naming the key and both shapes), 1 anything else.
 */
@Command(name = "mnist-import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make a run folder from PyTorch parameters (torch.save(net.state_dict()) or safetensors).")
public final class ImportCommand implements Callable<Integer> {
    @Parameters(descriptionKey = "help.import.file", index = "0", paramLabel = "PTH",
            description = "a .pth file written by torch.save(net.state_dict(), f), or a .safetensors file")
    Path parameters;

    @Option(descriptionKey = "help.import.script", names = "--script", required = true, paramLabel = "SCRIPT",
            description = "the experiment script whose model { } matches the file (examples/mnist_cnn.groovy for the seed's)")
    Path script;

    @Option(descriptionKey = "help.import.out", names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "where the run folder goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(descriptionKey = "help.import.root", names = "--root", paramLabel = "DIR",
            description = "the data set's folder instead of the script's root")
    Path root;

    @Option(descriptionKey = "help.import.map", names = "--map", paramLabel = "FILE",
            description = "pairs of key and parameter, one a line ('conv1.weight 0.weight'), instead of pairing by order and shape")
    Path map;

    @Option(descriptionKey = "help.import.sandbox", names = "--sandbox",
            description = "run the script in the sandbox, as for scripts from others")
    boolean sandbox;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        String outProblem = WritableFolder.problem(out);
        if (outProblem != null) {
            stderr.println(CommandLines.failure("mnist-import", Messages.get("run.badFolder", "--out", out, outProblem)));
            return ExitCodes.BAD_INPUT;
        }
        ScriptLoader.Loaded loaded;
        try {
            List<String> overrides = root == null ? List.of() : List.of("dataset.root=" + root);
            loaded = sandbox ? ScriptLoader.loadSandboxed(script, overrides, SandboxLimits.DEFAULT)
                    : ScriptLoader.load(script, overrides, false);
            ScriptLoader.check(loaded);
        } catch (DslException e) {
            stderr.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try {
            ModelImport.Result imported = ModelImport.read(parameters, loaded.spec(), out, map);
            stdout.println(Messages.get("import.mapping", parameters, loaded.spec().name()));
            stdout.print(imported.mapping().table());
            RunCommand.report(stdout, imported.saved().test(), imported.saved().runDir());
            return 0;
        } catch (InteropException e) {
            stderr.println(CommandLines.failure("mnist-import", e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            stderr.println(CommandLines.failure("mnist-import", String.valueOf(e.getMessage())));
            return ExitCodes.RUNTIME_ERROR;
        }
    }

    /**
     * bin/mnist-import.
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
        return CommandLines.oneLineErrors(new ImportCommand(), "mnist-import");
    }
}
