package mnistlab.cli;

import ai.djl.engine.Engine;
import mnistlab.engine.EpochMetrics;
import mnistlab.engine.Evaluation;
import mnistlab.engine.Experiment;
import mnistlab.engine.TrainingListener;
import mnistlab.engine.TrainingResult;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.TrainSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--batches", defaultValue = "200", description = "training batches per epoch (default: ${DEFAULT-VALUE}; 0 = full epoch)")
    int batches;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--warmup", defaultValue = "20", description = "batches left out of the img/s figure (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--root", defaultValue = "data", description = "data root (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(epochs).withDevice(device);
        int limit = batches > 0 ? batches * train.batchSize() : 0;
        ExperimentSpec experiment = new ExperimentSpec("bench", DatasetSpec.of("mnist", root).withLimits(limit, 0),
                ExperimentSpec.seedNetwork(), train, List.of());
        var out = spec.commandLine().getOut();
        Path runs = Files.createTempDirectory("mnist-bench-");
        try (Experiment exp = Experiment.create(experiment)) {
            SteadyRate rate = new SteadyRate(warmup, train.batchSize());
            TrainingResult result = exp.train(runs, rate);
            Evaluation warm = exp.evaluate(); // the model's kernels are warm now: the seed's 10k timing
            out.printf(Locale.ROOT, "device: %s%n", result.device());
            out.printf(Locale.ROOT, "engine: %s %s%n", Engine.getInstance().getEngineName(), Engine.getInstance().getVersion());
            out.printf(Locale.ROOT, "cores: %d%n", Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "java: %s%n", System.getProperty("java.vm.version"));
            out.printf(Locale.ROOT, "train_images: %d%n", exp.trainSet().size() * epochs);
            out.printf(Locale.ROOT, "train_img_per_s: %.1f%n", rate.imagesPerSecond());
            out.printf(Locale.ROOT, "infer_10k_seconds: %.3f%n", warm.secondsPer10k());
            out.printf(Locale.ROOT, "test_accuracy: %.4f%n", warm.accuracy());
            for (EpochMetrics e : result.epochs()) {
                out.printf(Locale.ROOT, "epoch_%d_test_accuracy: %.4f%n", e.epoch(), e.testAccuracy());
            }
            for (int i = 0; i < rate.rssAfterEpoch.size(); i++) {
                out.printf(Locale.ROOT, "rss_after_epoch_%d_mb: %d%n", i + 1, rate.rssAfterEpoch.get(i));
            }
            out.printf(Locale.ROOT, "peak_rss_mb: %d%n", Memory.peakRssMb());
        } finally {
            mnistlab.data.AtomicFiles.deleteTree(runs);
        }
        return 0;
    }

    /**
     * Images per second from the time between consecutive batches, leaving out the first
     * {@code warmup} batches of the run and the first batch of each epoch (whose interval holds
     * the previous epoch's evaluation); and the RSS after each epoch.
     */
    private static final class SteadyRate implements TrainingListener {
        private final int warmup;
        private final int batchSize;
        private long batchesSeen;
        private long timedBatches;
        private long timedNanos;
        private long lastBatchEnd;
        final List<Long> rssAfterEpoch = new ArrayList<>();

        SteadyRate(int warmup, int batchSize) {
            this.warmup = warmup;
            this.batchSize = batchSize;
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
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            rssAfterEpoch.add(Memory.rssMb());
        }

        double imagesPerSecond() {
            return timedNanos == 0 ? 0 : timedBatches * (double) batchSize / (timedNanos / 1e9);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
