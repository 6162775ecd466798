package mnistlab.cli;

import mnistlab.data.DataFetcher;
import mnistlab.data.DatasetInfo;
import mnistlab.data.Datasets;
import mnistlab.data.FetchResult;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.i18n.Messages;
import mnistlab.plot.TextImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code bin/mnist-data}: fetch, verify and look at the datasets. */
@Command(name = "mnist-data", mixinStandardHelpOptions = true,
        description = "Fetch, verify and show MNIST and Fashion-MNIST.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Verify.class, DataCommand.Show.class})
public final class DataCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(CommandLines.failure("mnist-data", Messages.get("data.noSubcommand")));
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** Options every subcommand shares. */
    static class DatasetOptions {
        @Option(descriptionKey = "help.data.dataset", names = "--dataset", defaultValue = "mnist", converter = DatasetConverter.class,
                description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE})")
        DatasetInfo dataset;

        @Option(descriptionKey = "help.data.root", names = "--root", defaultValue = "data",
                description = "data root folder (default: ${DEFAULT-VALUE})")
        Path root;
    }

    static final class DatasetConverter implements CommandLine.ITypeConverter<DatasetInfo> {
        @Override
        public DatasetInfo convert(String value) {
            try {
                return Datasets.byName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Run the fetch chain; print each file's source, the counts and the class histogram.")
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Mixin
        DatasetOptions options = new DatasetOptions();

        @Option(descriptionKey = "help.data.mirror", names = "--mirror",
                description = "base URL replacing the canonical mirrors (repeatable)")
        List<URI> mirrors;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            DataFetcher.Builder builder = DataFetcher.builder(options.dataset, options.root);
            if (mirrors != null) {
                builder.mirrors(mirrors);
            }
            FetchResult result = builder.build().fetch();
            result.info().files().forEach(f -> out.printf("%-26s %s%n", f.name(), result.sourceUsed().get(f)));
            long start = System.nanoTime();
            MnistData.Splits splits = MnistData.read(result);
            double seconds = (System.nanoTime() - start) / 1e9;
            printCounts(out, Messages.get("data.train"), splits.train());
            printCounts(out, Messages.get("data.test"), splits.test());
            out.println(Messages.get("data.parsed", splits.train().size() + splits.test().size(), seconds));
            out.println(Messages.get("data.filesIn", result.dir()));
            return 0;
        }

        private static void printCounts(PrintWriter out, String split, ImageSet set) {
            out.println(Messages.get("data.counts", split, set.size(), set.rows(), set.cols(),
                    Arrays.toString(set.histogram())));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the files on disk; exit 1 naming each one missing, corrupt or failing its MD5.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        DatasetOptions options = new DatasetOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            DatasetInfo info = options.dataset;
            List<String> problems = MnistData.verify(info, options.root);
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println(Messages.get("data.verified", info.name(), info.files().size(),
                        options.root.resolve(info.name())));
                return 0;
            }
            problems.forEach(spec.commandLine().getErr()::println);
            return ExitCodes.RUNTIME_ERROR;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print one image's label and the image as text art.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        DatasetOptions options = new DatasetOptions();

        @Option(descriptionKey = "help.data.index", names = "--index", required = true, description = "image index")
        int index;

        @Option(descriptionKey = "help.data.test", names = "--test", description = "take the image from the test split")
        boolean test;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            MnistData.Splits splits = MnistData.load(options.dataset, options.root, false);
            ImageSet set = test ? splits.test() : splits.train();
            if (index < 0 || index >= set.size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("data.badIndex", index,
                        set.size() - 1, Messages.get(test ? "data.test" : "data.train")));
            }
            int label = set.label(index);
            PrintWriter out = spec.commandLine().getOut();
            out.println(Messages.get("data.shown", options.dataset.name(), Messages.get(test ? "data.test" : "data.train"),
                    index, label, set.classNames().get(label)));
            out.print(TextImage.render(set.image(index), set.rows(), set.cols()));
            return 0;
        }
    }

    /**
     * bin/mnist-data.
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
        return CommandLines.oneLineErrors(new DataCommand(), "mnist-data");
    }
}
