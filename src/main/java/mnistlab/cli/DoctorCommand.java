package mnistlab.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import mnistlab.i18n.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/mnist-doctor}: why DJL will or will not train on this machine, each finding with
 * ok, warn or fail and a one-line fix. Exit 0 when training would run, 1 when it would not.
 */
@Command(name = "mnist-doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check Java, libtorch, GPUs, data sets, fonts and Chromium; say what to fix.")
public final class DoctorCommand implements Callable<Integer> {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @Option(descriptionKey = "help.doctor.json", names = "--json",
            description = "one JSON object: the checks and whether training would run")
    boolean json;

    @Option(descriptionKey = "help.doctor.root", names = "--root", defaultValue = "data",
            description = "the data root to check (default: ${DEFAULT-VALUE})")
    Path root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Doctor.Check> checks = new Doctor(System.getenv(), root).run();
        boolean runs = Doctor.trainingWouldRun(checks);
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("trainingWouldRun", runs);
            report.put("checks", checks.stream().map(c -> Map.of("name", c.name(), "status", Doctor.label(c.status()),
                    "detail", c.detail(), "fix", c.fix())).toList());
            out.println(GSON.toJson(report));
        } else {
            for (Doctor.Check c : checks) {
                out.printf("%-4s  %-18s %s%n", Doctor.label(c.status()), c.name(), c.detail());
                if (!c.fix().isEmpty()) {
                    out.printf("      %-18s %s%n", "", Messages.get("doctor.fix", c.fix()));
                }
            }
            out.println(Messages.get(runs ? "doctor.wouldRun" : "doctor.wouldNotRun"));
        }
        out.flush();
        return runs ? 0 : ExitCodes.RUNTIME_ERROR;
    }

    /**
     * bin/mnist-doctor.
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(CommandLines.oneLineErrors(new DoctorCommand(), "mnist-doctor").execute(args));
    }
}
