package mnistlab.serve;

import mnistlab.TestData;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.PlotSpec;
import mnistlab.result.TrainingListener;
import mnistlab.run.Runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A real run folder for the page's tests: one epoch of a small CNN on 6,000 MNIST images, report included. */
final class TrainedRuns {
    private TrainedRuns() {
    }

    static Path trainOne(Path runsRoot) throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder("page").mnist(TestData.mnistRoot()).limits(6000, 2000)
                .conv2d(16, c -> c.kernel(5).padding(2)).relu().maxPool(2).flatten().linear(64).relu().linear(10)
                .train(t -> t.withEpochs(1).withBatchSize(50).withDevice("cpu").withRecordEvery(20))
                .plot(PlotSpec.of("curves", "curves.png", Map.of()))
                .build();
        try (Experiment exp = Experiment.create(spec)) {
            return Runs.train(exp, runsRoot, TrainingListener.NONE, warning -> { }).runDir();
        }
    }
}
