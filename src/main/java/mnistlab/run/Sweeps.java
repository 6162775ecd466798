package mnistlab.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import mnistlab.data.AtomicFiles;
import mnistlab.engine.Experiment;
import mnistlab.engine.RunFolder;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.SweepSpec;
import mnistlab.i18n.Messages;
import mnistlab.plot.SweepReport;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A sweep in {@code runs/<experiment>-sweep-<time>/}: sweep.json (the plan, fixed before the first
 * trial, so random draws survive a restart), a folder per trial holding its run folder, then
 * sweep.csv and sweep.html. Trials are independent, so a {@link TrialExecutor} may run them
 * anywhere; a sweep run again ({@code --resume}) skips finished trials and continues unfinished
 * ones from their last checkpoint.
 */
public final class Sweeps {
    /** The plan's file in a sweep folder: every trial's values, fixed before the first trains. */
    public static final String PLAN = "sweep.json";
    /** A trial's output, in its folder, when it trains in a process of its own. */
    public static final String TRIAL_LOG = "trial.log";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A trial's spec: the script run again with the trial's values as --set overrides. */
    public interface TrialSpecs {
        /**
         * The spec of one trial.
         * @param values key to value, as --set takes them
         * @return the spec
         */
        ExperimentSpec specFor(Map<String, String> values);
    }

    /** One trial: its folder's name and the values it sets. */
    public record Trial(String name, Map<String, String> values) {
        /**
         * Copies the values.
         * @param name the trial's folder name
         * @param values key to value, as --set takes them
         */
        public Trial {
            values = new LinkedHashMap<>(values);
        }
    }

    /** A trial's outcome: its run's metrics (as metrics.json holds them) and where the run is. */
    public record TrialResult(Trial trial, TrainingResult result) {
    }

    private Sweeps() {
    }

    /**
     * Writes the plan for {@code sweep} into a new folder under {@code runsRoot}; returns the folder.
     * @param sweep the grid or the random draws
     * @param seed fixes random draws
     * @param experiment names the sweep's folder
     * @param runsRoot where it goes
     * @return the new folder
     * @throws IOException when it cannot be written
     */
    public static Path plan(SweepSpec sweep, long seed, String experiment, Path runsRoot) throws IOException {
        return plan(sweep.keys(), sweep.plan(seed), experiment + "-sweep-" + LocalDateTime.now().format(STAMP), runsRoot);
    }

    /**
     * Writes a plan of the given trials into a new folder {@code base} (or base-2, …) under
     * {@code runsRoot}; returns the folder.
     * @param keys the keys the trials set, in the summary's column order
     * @param values each trial's values, in plan order
     * @param base the folder's name
     * @param runsRoot where it goes
     * @return the new folder
     * @throws IOException when it cannot be written
     */
    public static Path plan(List<String> keys, List<Map<String, String>> values, String base, Path runsRoot)
            throws IOException {
        Files.createDirectories(runsRoot);
        Path folder = runsRoot.resolve(base);
        for (int i = 2; Files.exists(folder); i++) {
            folder = runsRoot.resolve(base + "-" + i);
        }
        Files.createDirectory(folder);
        JsonArray trials = new JsonArray();
        for (int i = 0; i < values.size(); i++) {
            JsonObject trial = new JsonObject();
            trial.addProperty("name", String.format("trial-%03d", i + 1));
            trial.add("values", SpecJson.gson().toJsonTree(values.get(i)));
            trials.add(trial);
        }
        JsonObject plan = new JsonObject();
        plan.add("keys", SpecJson.gson().toJsonTree(keys));
        plan.add("trials", trials);
        AtomicFiles.writeString(folder.resolve(PLAN), SpecJson.gson().toJson(plan));
        return folder;
    }

    /**
     * The trials a sweep folder's plan names.
     * @param folder a sweep folder
     * @return the trials in plan order
     * @throws IOException when the plan cannot be read
     */
    public static List<Trial> trials(Path folder) throws IOException {
        Path file = folder.resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            throw new IOException(Messages.get("sweep.notSweepFolder", folder, PLAN));
        }
        try {
            JsonObject plan = SpecJson.gson().fromJson(Files.readString(file), JsonObject.class);
            List<Trial> trials = new ArrayList<>();
            for (JsonElement element : plan.getAsJsonArray("trials")) {
                JsonObject t = element.getAsJsonObject();
                String name = t.get("name").getAsString();
                if (!name.matches("trial-\\d{3,4}")) {
                    throw new JsonParseException("trial name '" + name + "'");
                }
                Map<String, String> values = new LinkedHashMap<>();
                t.getAsJsonObject("values").entrySet().forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
                trials.add(new Trial(name, values));
            }
            return trials;
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IOException(Messages.get("sweep.badPlan", file, e.getMessage()), e);
        }
    }

    /**
     * A trial still to train: its spec, its folder, and the run folder to continue from its last
     * checkpoint (null to start afresh).
     */
    public record TrialJob(Trial trial, ExperimentSpec spec, Path trialDir, Path resumeRun) {
    }

    /**
     * Trains every trial of the sweep in {@code folder} that has not finished, through
     * {@code executor}, then writes sweep.csv and sweep.html over all of them.
     * @param folder the sweep folder
     * @param specs each trial's spec
     * @param executor trains the jobs
     * @param warnings hears of what could not be drawn as asked
     * @return every trial's result
     * @throws IOException when a trial fails or a folder cannot be written
     */
    public static List<TrialResult> run(Path folder, TrialSpecs specs, TrialExecutor executor, Consumer<String> warnings)
            throws IOException {
        List<Trial> trials = trials(folder);
        List<TrialJob> jobs = new ArrayList<>();
        for (Trial trial : trials) {
            Path trialDir = folder.resolve(trial.name());
            Path run = runOf(trialDir);
            RunFolder.Checkpoint checkpoint = run == null ? null : RunFolder.open(run).readCheckpoint();
            ExperimentSpec spec = specs.specFor(trial.values());
            if (checkpoint == null || checkpoint.epochsDone() < spec.train().epochs()) {
                Files.createDirectories(trialDir);
                jobs.add(new TrialJob(trial, spec, trialDir, checkpoint == null ? null : run));
            }
        }
        executor.runAll(jobs);
        return gather(folder, trials, warnings);
    }

    /** sweep.csv and sweep.html over every trial with a run folder; their results. */
    private static List<TrialResult> gather(Path folder, List<Trial> trials, Consumer<String> warnings) throws IOException {
        List<TrialResult> results = new ArrayList<>();
        for (Trial trial : trials) {
            Path run = runOf(folder.resolve(trial.name()));
            TrainingResult metrics = run == null ? null : RunFolder.open(run).readMetrics();
            if (metrics != null) {
                results.add(new TrialResult(trial, metrics));
            }
        }
        List<String> keys = SpecJson.gson().fromJson(Files.readString(folder.resolve(PLAN)), JsonObject.class)
                .getAsJsonArray("keys").asList().stream().map(JsonElement::getAsString).toList();
        SweepReport.write(folder, keys, results.stream()
                .map(r -> new SweepReport.Entry(r.trial().name(), r.trial().values(), r.result())).toList(), warnings);
        return results;
    }

    /**
     * Whether a trial's run folder holds all its epochs.
     * @param job the trial
     * @return true when it need not train again
     * @throws IOException when its folder cannot be read
     */
    static boolean finished(TrialJob job) throws IOException {
        Path run = runOf(job.trialDir());
        RunFolder.Checkpoint checkpoint = run == null ? null : RunFolder.open(run).readCheckpoint();
        return checkpoint != null && checkpoint.epochsDone() >= job.spec().train().epochs();
    }

    /** Trains one trial in this JVM into its folder, fresh or from its checkpoint, unless stopped while loading. */
    static void train(TrialJob job, TrainingListener progress, Consumer<Experiment> current, BooleanSupplier stopped,
                      Consumer<String> warnings) throws IOException {
        ExperimentSpec spec = job.spec();
        try (Experiment exp = job.resumeRun() == null ? Experiment.create(spec) : Experiment.open(job.resumeRun(), spec)) {
            current.accept(exp);
            if (!stopped.getAsBoolean()) {
                Runs.train(exp, job.trialDir(), progress, warnings);
            }
        }
    }

    /** The run folder inside a trial's folder, or null when the trial has not started. */
    static Path runOf(Path trialDir) throws IOException {
        if (!Files.isDirectory(trialDir)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(trialDir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SPEC))).sorted().reduce((a, b) -> b)
                    .orElse(null);
        }
    }
}
