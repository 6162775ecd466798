package mnistlab.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import mnistlab.data.ImageFiles;
import mnistlab.data.NoDigitException;
import mnistlab.engine.Classifier;
import mnistlab.i18n.Messages;
import mnistlab.result.Prediction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/mnist-predict RUN_DIR IMAGE...}: classifies picture files with a run's model, one
 * line (or JSON object) per file. Exit codes: 0 all classified, 2 some file could not be read (the
 * others are still classified) or a usage error, 1 a bad run folder.
 */
@Command(name = "mnist-predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify pictures of digits (PNG, JPEG, BMP, GIF; any size, dark on light or light on dark).")
public final class PredictCommand implements Callable<Integer> {
    @Parameters(descriptionKey = "help.predict.runDir", index = "0", paramLabel = "RUN_DIR",
            description = "a run folder (bin/mnist-run writes them)")
    Path runDir;

    @Parameters(descriptionKey = "help.predict.image", index = "1..*", arity = "1..*", paramLabel = "IMAGE",
            description = "picture files")
    List<Path> images = new ArrayList<>();

    @Option(descriptionKey = "help.predict.json", names = "--json",
            description = "one JSON object per line: file, label, probability, top")
    boolean json;

    @Option(descriptionKey = "help.predict.top", names = "--top", paramLabel = "K", defaultValue = "3",
            description = "how many classes to show (default: ${DEFAULT-VALUE})")
    int top;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Gson GSON = new Gson();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1 || top > 10) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("predict.badTop", top));
        }
        Classifier classifier;
        try {
            classifier = Classifier.open(runDir);
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            String named = why.contains(runDir.toString()) ? why : Messages.get("cli.about", runDir, why);
            err.println(CommandLines.failure("mnist-predict", named));
            return ExitCodes.RUNTIME_ERROR;
        }
        int unreadable = 0;
        try (classifier) {
            for (Path image : images) {
                try {
                    Prediction p = classifier.predict(ImageFiles.read(image));
                    out.println(json ? json(image, p) : line(image, p));
                } catch (IOException | NoDigitException e) {
                    err.println(CommandLines.failure("mnist-predict", Messages.get("cli.about", image, e.getMessage())));
                    unreadable++;
                }
                out.flush();
            }
        }
        return unreadable == 0 ? 0 : ExitCodes.BAD_INPUT;
    }

    private String line(Path image, Prediction p) {
        int[] best = p.topK(top);
        if (best.length == 1) {
            return Messages.get("predict.one", image, entry(p, best[0]));
        }
        List<String> next = new ArrayList<>();
        for (int i = 1; i < best.length; i++) {
            next.add(entry(p, best[i]));
        }
        return Messages.get("predict.several", image, entry(p, best[0]), String.join(Messages.get("list.separator"), next));
    }

    private static String entry(Prediction p, int c) {
        return String.format(Locale.ROOT, "%s (%.3f)", p.classNames().get(c), p.probabilities()[c]);
    }

    private String json(Path image, Prediction p) {
        JsonObject o = new JsonObject();
        o.addProperty("file", image.toString());
        o.addProperty("label", p.label());
        o.addProperty("probability", p.confidence());
        JsonArray best = new JsonArray();
        for (int c : p.topK(top)) {
            JsonArray pair = new JsonArray();
            pair.add(c);
            pair.add(p.probabilities()[c]);
            best.add(pair);
        }
        o.add("top", best);
        return GSON.toJson(o);
    }

    /**
     * bin/mnist-predict.
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
        return CommandLines.oneLineErrors(new PredictCommand(), "mnist-predict");
    }
}
