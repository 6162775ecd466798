package mnistlab.run;

import mnistlab.data.AtomicFiles;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.plot.RepeatsReport;
import mnistlab.result.EpochMetrics;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One recipe trained several times with seeds seed, seed+1, …, since one training is one draw:
 * each repeat is a run folder in {@code <experiment>-repeats-<time>/}, and repeats.csv there gives
 * per epoch the mean ± standard deviation, minimum and maximum of test (and validation) accuracy;
 * repeats.html shows that band.
 */
public final class Repeats {
    /** The per-epoch statistics' file in the repeats' folder. */
    public static final String CSV = "repeats.csv";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Mean, sample standard deviation (0 for one value), minimum and maximum. */
    public record Stats(double mean, double sd, double min, double max) {
        static Stats of(double[] values) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                mean += v / values.length;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Stats(mean, values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1)), min, max);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f ± %.2f %% (%.2f–%.2f)", 100 * mean, 100 * sd, 100 * min, 100 * max);
        }
    }

    /** One epoch over the repeats that reached it; {@code validation} is null without a validation set. */
    public record EpochStats(int epoch, int repeats, Stats test, Stats validation) {
    }

    /** The repeats' folder, their results in seed order, and the per-epoch statistics. */
    public record Summary(Path folder, List<TrainingResult> results, List<EpochStats> epochs) {
        /**
         * Copies the lists.
         * @param folder the repeats' folder
         * @param results their results in seed order
         * @param epochs the per-epoch statistics
         */
        public Summary {
            results = List.copyOf(results);
            epochs = List.copyOf(epochs);
        }
    }

    private Repeats() {
    }

    /**
     * Trains {@code spec.train().repeats()} times into one new folder under {@code runsRoot}.
     * {@code current} hears of each experiment before it trains (to cancel it on Ctrl-C); a
     * cancelled repeat, or {@code stopped} saying so, ends the series, and the summary covers
     * what finished.
     * @param spec the experiment; its seed is the first repeat's
     * @param runsRoot where the repeats' folder goes
     * @param progress hears of every batch, record and epoch
     * @param current hears of each experiment before it trains
     * @param stopped says when to stop starting repeats
     * @param warnings hears of what could not be drawn as asked
     * @return what finished
     * @throws IOException when a folder cannot be written
     */
    public static Summary train(ExperimentSpec spec, Path runsRoot, TrainingListener progress,
                                Consumer<Experiment> current, BooleanSupplier stopped, Consumer<String> warnings)
            throws IOException {
        Path folder = newFolder(runsRoot, spec.name());
        List<TrainingResult> results = new ArrayList<>();
        for (int i = 0; i < spec.train().repeats() && !stopped.getAsBoolean(); i++) {
            ExperimentSpec repeat = spec.withTrain(spec.train().withSeed(spec.train().seed() + i).withRepeats(1));
            try (Experiment exp = Experiment.create(repeat)) {
                current.accept(exp);
                if (stopped.getAsBoolean()) {
                    break; // Ctrl-C while its data loaded
                }
                TrainingResult result = Runs.train(exp, folder, progress, warnings);
                results.add(result);
                if (result.cancelled()) {
                    break;
                }
            }
        }
        return summarize(spec, folder, results, warnings);
    }

    /**
     * Plans the repeats as trials of a sweep over the seed (trial-001 with the spec's seed, …),
     * for an executor that trains them elsewhere; {@link #summarize} sums them up after.
     * @param spec the experiment; its seed is the first repeat's
     * @param runsRoot where the repeats' folder goes
     * @return the new folder, holding the plan
     * @throws IOException when it cannot be written
     */
    public static Path plan(ExperimentSpec spec, Path runsRoot) throws IOException {
        List<Map<String, String>> seeds = new ArrayList<>();
        for (int i = 0; i < spec.train().repeats(); i++) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("train.seed", Long.toString(spec.train().seed() + i));
            values.put("train.repeats", "1");
            seeds.add(values);
        }
        return Sweeps.plan(List.of("train.seed"), seeds, spec.name() + "-repeats-" + LocalDateTime.now().format(STAMP),
                runsRoot);
    }

    /**
     * Writes repeats.csv and repeats.html over the repeats that trained.
     * @param spec the experiment; its seed is the first repeat's
     * @param folder the repeats' folder
     * @param results their results in seed order
     * @param warnings hears of what could not be drawn as asked
     * @return the summary
     * @throws IOException when a file cannot be written
     */
    public static Summary summarize(ExperimentSpec spec, Path folder, List<TrainingResult> results,
                                    Consumer<String> warnings) throws IOException {
        Summary summary = new Summary(folder, results, statistics(results));
        writeCsv(summary);
        writeReport(spec, summary, warnings);
        return summary;
    }

    private static Path newFolder(Path runsRoot, String experiment) throws IOException {
        Files.createDirectories(runsRoot);
        Path folder = runsRoot.resolve(experiment + "-repeats-" + LocalDateTime.now().format(STAMP));
        for (int i = 2; Files.exists(folder); i++) {
            folder = runsRoot.resolve(experiment + "-repeats-" + LocalDateTime.now().format(STAMP) + "-" + i);
        }
        return Files.createDirectory(folder);
    }

    /** Per epoch, over the repeats that finished it. */
    static List<EpochStats> statistics(List<TrainingResult> results) {
        List<EpochStats> out = new ArrayList<>();
        for (int epoch = 1; ; epoch++) {
            List<EpochMetrics> reached = new ArrayList<>();
            for (TrainingResult r : results) {
                if (r.epochs().size() >= epoch) {
                    reached.add(r.epochs().get(epoch - 1));
                }
            }
            if (reached.isEmpty()) {
                return out;
            }
            boolean validated = reached.stream().allMatch(EpochMetrics::validated);
            out.add(new EpochStats(epoch, reached.size(), stats(reached, EpochMetrics::testAccuracy),
                    validated ? stats(reached, EpochMetrics::validationAccuracy) : null));
        }
    }

    private static Stats stats(List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
        return Stats.of(epochs.stream().mapToDouble(value).toArray());
    }

    private static void writeCsv(Summary summary) throws IOException {
        StringBuilder csv = new StringBuilder("epoch,repeats,test_mean,test_sd,test_min,test_max,"
                + "validation_mean,validation_sd,validation_min,validation_max\n");
        for (EpochStats e : summary.epochs()) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%s%n", e.epoch(), e.repeats(), columns(e.test()),
                    e.validation() == null ? ",,," : columns(e.validation())));
        }
        AtomicFiles.writeString(summary.folder().resolve(CSV), csv.toString());
    }

    private static void writeReport(ExperimentSpec spec, Summary summary, Consumer<String> warnings) throws IOException {
        List<EpochStats> epochs = summary.epochs();
        if (epochs.isEmpty()) {
            return;
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < summary.results().size(); i++) {
            seeds.add(spec.train().seed() + i);
        }
        boolean validated = epochs.stream().allMatch(e -> e.validation() != null);
        RepeatsReport.write(summary.folder(), spec.name(), seeds,
                summary.results().stream().map(r -> relative(summary.folder(), r.runDir())).toList(),
                epochs.stream().mapToDouble(EpochStats::epoch).toArray(), band(epochs, EpochStats::test),
                validated ? band(epochs, EpochStats::validation) : null, warnings);
    }

    /** A run folder's path from the repeats' folder: its name, or trial-NNN/name when a trial holds it. */
    private static String relative(Path folder, Path run) {
        return folder.toAbsolutePath().normalize().relativize(run.toAbsolutePath().normalize()).toString();
    }

    private static RepeatsReport.Band band(List<EpochStats> epochs, Function<EpochStats, Stats> which) {
        return new RepeatsReport.Band(epochs.stream().mapToDouble(e -> which.apply(e).mean()).toArray(),
                epochs.stream().mapToDouble(e -> which.apply(e).sd()).toArray(),
                epochs.stream().mapToDouble(e -> which.apply(e).min()).toArray(),
                epochs.stream().mapToDouble(e -> which.apply(e).max()).toArray());
    }

    private static String columns(Stats s) {
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f,%.6f", s.mean(), s.sd(), s.min(), s.max());
    }
}
