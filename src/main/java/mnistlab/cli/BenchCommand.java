package mnistlab.cli;

import ai.djl.engine.Engine;
import mnistlab.data.AtomicFiles;
import mnistlab.engine.Experiment;
import mnistlab.engine.TorchProfiler;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/mnist-bench}: trains the seed network on real MNIST and prints throughput,
 * inference time and memory as {@code name: value} lines.
 */
@Command(name = "mnist-bench", mixinStandardHelpOptions = true,
        description = "Benchmark the seed network on real MNIST: train img/s, 10k inference seconds, peak RSS.")
public final class BenchCommand implements Callable<Integer> {
    private static final int PROFILED_FROM = 101;
    private static final int PROFILED_TO = 120;

    @Option(descriptionKey = "help.bench.batches", names = "--batches", defaultValue = "200",
            description = "training batches per epoch (default: ${DEFAULT-VALUE}; 0 = full epoch)")
    int batches;

    @Option(descriptionKey = "help.bench.epochs", names = "--epochs", defaultValue = "1",
            description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(descriptionKey = "help.bench.warmup", names = "--warmup", defaultValue = "20",
            description = "batches left out of the img/s figure (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(descriptionKey = "help.bench.root", names = "--root", defaultValue = "data",
            description = "data root (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(descriptionKey = "help.bench.device", names = "--device", defaultValue = "auto",
            description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(descriptionKey = "help.bench.seeds", names = "--seeds", split = ",", paramLabel = "SEED",
            description = "train once per seed (comma-separated) and report the spread of test accuracy (default: the seed script's)")
    List<Long> seeds;

    @Option(descriptionKey = "help.bench.profile", names = "--profile", paramLabel = "TRACE",
            description = "write libtorch's operator profile of training steps 101-120 to TRACE (Chrome trace JSON; bench/profile_ops.py summarises it)")
    Path profile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(epochs).withDevice(device);
        List<Long> runSeeds = seeds == null || seeds.isEmpty() ? List.of(train.seed()) : seeds;
        int limit = batches > 0 ? batches * train.batchSize() : 0;
        DatasetSpec data = DatasetSpec.of("mnist", root).withLimits(limit, 0);
        var out = spec.commandLine().getOut();
        if (profile != null && batches > 0 && batches * epochs < PROFILED_TO) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Messages.get("bench.profileBatches", PROFILED_FROM, PROFILED_TO));
        }
        BenchMeter rate = new BenchMeter(warmup, train.batchSize(), profile);
        List<TrainingResult> results = new ArrayList<>();
        Evaluation warm = null;
        int trainImages = 0;
        Path runs = Files.createTempDirectory("mnist-bench-");
        try {
            for (long seed : runSeeds) {
                ExperimentSpec experiment = new ExperimentSpec("bench", data, ExperimentSpec.seedNetwork(),
                        train.withSeed(seed), List.of());
                try (Experiment exp = Experiment.create(experiment)) {
                    rate.startRun();
                    results.add(exp.trainIntoRunFolder(runs, epochs, rate)); // checkpoints included, as bin/mnist-run
                    warm = exp.evaluate(); // the model's kernels are warm now: the seed's 10k timing
                    trainImages += exp.trainSet().size() * epochs;
                }
            }
        } finally {
            AtomicFiles.deleteTree(runs);
        }
        out.printf(Locale.ROOT, "device: %s%n", results.get(0).device());
        out.printf(Locale.ROOT, "engine: %s %s%n", Engine.getInstance().getEngineName(), Engine.getInstance().getVersion());
        out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "java: %s%n", System.getProperty("java.vm.version"));
        out.printf(Locale.ROOT, "train_images: %d%n", trainImages);
        out.printf(Locale.ROOT, "train_img_per_s: %.1f%n", rate.imagesPerSecond());
        out.printf(Locale.ROOT, "infer_10k_seconds: %.3f%n", warm.secondsPer10k());
        out.printf(Locale.ROOT, "test_accuracy: %.4f%n", warm.accuracy());
        if (runSeeds.size() == 1) {
            for (EpochMetrics e : results.get(0).epochs()) {
                out.printf(Locale.ROOT, "epoch_%d_test_accuracy: %.4f%n", e.epoch(), e.testAccuracy());
            }
        } else {
            printSpread(out, runSeeds, results);
        }
        for (int i = 0; i < rate.rssAfterEpoch.size(); i++) {
            out.printf(Locale.ROOT, "rss_after_epoch_%d_mb: %d%n", i + 1, rate.rssAfterEpoch.get(i));
        }
        if (rate.peaksPerEpoch) {
            for (int i = 0; i < rate.peakDuringEpoch.size(); i++) {
                out.printf(Locale.ROOT, "peak_rss_epoch_%d_mb: %d%n", i + 1, rate.peakDuringEpoch.get(i));
            }
        }
        long peak = Math.max(Memory.peakRssMb(), rate.peakDuringEpoch.stream().mapToLong(Long::longValue).max().orElse(0));
        out.printf(Locale.ROOT, "peak_rss_mb: %d%n", peak);
        return 0;
    }

    /**
     * Each seed's test accuracy per epoch, then per epoch the mean, sample standard deviation,
     * minimum and maximum over the seeds: one run is a single draw from that spread.
     */
    private static void printSpread(PrintWriter out, List<Long> runSeeds, List<TrainingResult> results) {
        for (int r = 0; r < results.size(); r++) {
            for (EpochMetrics e : results.get(r).epochs()) {
                out.printf(Locale.ROOT, "seed_%d_epoch_%d_test_accuracy: %.4f%n", runSeeds.get(r), e.epoch(), e.testAccuracy());
            }
        }
        int epochCount = results.get(0).epochs().size();
        for (int e = 0; e < epochCount; e++) {
            int epoch = e;
            DoubleSummaryStatistics stats = results.stream()
                    .mapToDouble(result -> result.epochs().get(epoch).testAccuracy()).summaryStatistics();
            double squares = results.stream()
                    .mapToDouble(result -> Math.pow(result.epochs().get(epoch).testAccuracy() - stats.getAverage(), 2)).sum();
            out.printf(Locale.ROOT, "epoch_%d_test_accuracy_mean: %.4f%n", e + 1, stats.getAverage());
            out.printf(Locale.ROOT, "epoch_%d_test_accuracy_sd: %.4f%n", e + 1, Math.sqrt(squares / (results.size() - 1)));
            out.printf(Locale.ROOT, "epoch_%d_test_accuracy_min: %.4f%n", e + 1, stats.getMin());
            out.printf(Locale.ROOT, "epoch_%d_test_accuracy_max: %.4f%n", e + 1, stats.getMax());
        }
    }

    /**
     * Images per second from the time between consecutive batches, leaving out the first
     * {@code warmup} batches of each run and the first batch of each epoch (whose interval holds
     * the previous epoch's evaluation); and the RSS after each epoch of the process and its peak
     * during that epoch (its training, evaluation and checkpoint), the figure that shows whether
     * the footprint stays flat.
     */
    private static final class BenchMeter implements TrainingListener {
        private final int warmup;
        private final int batchSize;
        private long batchesSeen;
        private long timedBatches;
        private long timedNanos;
        private long lastBatchEnd;
        private final Path profile;
        private boolean profiled;
        final List<Long> rssAfterEpoch = new ArrayList<>();
        final List<Long> peakDuringEpoch = new ArrayList<>();
        boolean peaksPerEpoch = true;

        BenchMeter(int warmup, int batchSize, Path profile) {
            this.warmup = warmup;
            this.batchSize = batchSize;
            this.profile = profile;
        }

        void startRun() {
            batchesSeen = 0;
        }

        @Override
        public void onBatch(int epoch, int batch) {
            long now = System.nanoTime();
            batchesSeen++;
            if (batch > 1 && batchesSeen > warmup) {
                timedBatches++;
                timedNanos += now - lastBatchEnd;
            }
            lastBatchEnd = now;
            if (profile != null && !profiled && batchesSeen == PROFILED_FROM - 1) {
                TorchProfiler.start();
            } else if (profile != null && !profiled && batchesSeen == PROFILED_TO) {
                TorchProfiler.stop(profile);
                profiled = true; // the first run's steps; the other seeds' are not recorded
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            rssAfterEpoch.add(Memory.rssMb());
            peakDuringEpoch.add(Memory.peakRssMb());
            peaksPerEpoch &= Memory.resetPeak();
        }

        double imagesPerSecond() {
            return timedNanos == 0 ? 0 : timedBatches * (double) batchSize / (timedNanos / 1e9);
        }
    }

    /**
     * bin/mnist-bench.
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(CommandLines.oneLineErrors(new BenchCommand(), "mnist-bench").execute(args));
    }
}
