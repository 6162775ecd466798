package mnistlab.cli;

import mnistlab.i18n.Messages;
import mnistlab.interop.InteropException;
import mnistlab.interop.ModelExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bin/mnist-export RUN_DIR --format pth|safetensors|onnx [-o FILE]}: a run's model for
 * PyTorch, safetensors readers or ONNX Runtime. Exit codes: 0 written, 2 a model or name map
 * that cannot be exported (one line saying which layer or key), 1 a bad run folder or an
 * unwritable file.
 */
@Command(name = "mnist-export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a run's model as a PyTorch state_dict, safetensors or ONNX.")
public final class ExportCommand implements Callable<Integer> {
    @Parameters(descriptionKey = "help.export.runDir", index = "0", paramLabel = "RUN_DIR",
            description = "a run folder (bin/mnist-run and bin/mnist-import write them)")
    Path runDir;

    @Option(descriptionKey = "help.export.format", names = "--format", required = true, paramLabel = "FORMAT",
            converter = FormatConverter.class, description = "pth, safetensors or onnx")
    ModelExport.Format format;

    @Option(descriptionKey = "help.export.output", names = {"-o", "--output"}, paramLabel = "FILE",
            description = "the file (default: RUN_DIR/<experiment>.<format>)")
    Path output;

    @Option(descriptionKey = "help.export.map", names = "--map", paramLabel = "FILE",
            description = "the keys to write, one 'key layer.role' pair a line (default: the names the run was "
                    + "imported with, else the seed's conv1, conv2, fc1, fc2)")
    Path map;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            Path written = ModelExport.write(runDir, format, output, map);
            stdout.println(Messages.get("export.written", format.extension(), written));
            return 0;
        } catch (InteropException e) {
            stderr.println(CommandLines.failure("mnist-export", e.getMessage()));
            return ExitCodes.BAD_INPUT;
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            stderr.println(CommandLines.failure("mnist-export", why.contains(runDir.toString()) ? why
                    : Messages.get("cli.about", runDir, why)));
            return ExitCodes.RUNTIME_ERROR;
        }
    }

    /** --format's values in lower case, as the docs write them. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ModelExport.Format> {
        @Override
        public ModelExport.Format convert(String value) {
            for (ModelExport.Format f : ModelExport.Format.values()) {
                if (f.extension().equals(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException(Messages.get("export.badFormat", value));
        }
    }

    /**
     * bin/mnist-export.
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
        return CommandLines.oneLineErrors(new ExportCommand(), "mnist-export");
    }
}
