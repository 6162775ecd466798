import mnistlab.engine.EpochMetrics;
import mnistlab.engine.Experiment;
import mnistlab.engine.Prediction;
import mnistlab.engine.TrainingListener;
import mnistlab.engine.TrainingResult;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.ScheduleSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.run.Runs;

import java.nio.file.Path;
import java.util.List;

/**
 * A Java application embedding mnist-lab: builds a spec in code, trains into a run folder (the
 * same one bin/mnist-run writes, report.html included) with a listener, reopens it and
 * classifies a test image.
 *
 * <pre>
 * javac -cp 'target/classes:target/lib/*' -d /tmp/embed examples/embed/EmbedExample.java
 * java -Dai.djl.offline=true -cp '/tmp/embed:target/classes:target/lib/*:target/native-cpu/*' EmbedExample data runs
 * </pre>
 */
public class EmbedExample {
    public static void main(String[] args) throws Exception {
        Path dataRoot = Path.of(args.length > 0 ? args[0] : "data");
        Path runs = Path.of(args.length > 1 ? args[1] : "runs");

        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        ExperimentSpec spec = new ExperimentSpec("embedded",
                DatasetSpec.of("mnist", dataRoot).withLimits(6000, 1000),
                List.of(new LayerSpec.Conv2d(16, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                        new LayerSpec.Flatten(), new LayerSpec.Linear(10)),
                new TrainSpec(1, 100, OptimizerSpec.adam(1e-3f), ScheduleSpec.fixed(), "softmaxCrossEntropy",
                        "auto", 1, 20, true),
                List.of());

        Path runDir;
        try (Experiment experiment = Experiment.create(spec)) {
            TrainingResult result = Runs.train(experiment, runs, new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    System.out.printf("epoch %d: test accuracy %.4f%n", m.epoch(), m.testAccuracy());
                }
            }, warning -> System.err.println("warning: " + warning));
            runDir = result.runDir();
            System.out.printf("test accuracy: %.4f%n", result.test().accuracy());
        }

        try (Experiment saved = Experiment.open(runDir)) {
            Prediction p = saved.predict(saved.testSet().image(0));
            System.out.println("image 0: predicted " + p.label() + " (p=" + p.confidence() + "), true "
                    + saved.testSet().label(0));
        }
    }
}
