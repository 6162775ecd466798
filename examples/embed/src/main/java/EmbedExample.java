import mnistlab.dsl.Scripts;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Runs;

import java.nio.file.Path;

/**
 * A Java application embedding mnist-lab: builds a spec in code, trains into a run folder (the
 * same one bin/mnist-run writes, report.html included) with a listener, reopens it and
 * classifies a test image; then takes an experiment as a script from someone it does not trust.
 *
 * <p>Its own Maven project (pom.xml here), on mnist-lab as installed by {@code mvn install}:
 * <pre>
 * mvn -f examples/embed/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Dai.djl.offline=true -cp "examples/embed/target/classes:$(cat examples/embed/target/classpath.txt)" EmbedExample data runs
 * </pre>
 */
public class EmbedExample {
    public static void main(String[] args) throws Exception {
        Path dataRoot = Path.of(args.length > 0 ? args[0] : "data");
        Path runs = Path.of(args.length > 1 ? args[1] : "runs");

        ExperimentSpec spec = ExperimentSpec.builder("embedded")
                .mnist(dataRoot).limits(6000, 1000)
                .conv2d(16, c -> c.kernel(5).padding(2)).relu().maxPool(2)
                .flatten().linear(10)
                .train(t -> t.withEpochs(1).withOptimizer(OptimizerSpec.adam(1e-3f)).withSeed(1).withRecordEvery(20))
                .build();

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

        // A script from a user: sandboxed, so it can only describe an experiment.
        String fromUser = """
                experiment 'users-mlp'
                dataset mnist { limit 1000 }
                model {
                    flatten()
                    for (units in [128, 64]) { linear units; relu() }
                    linear 10
                }
                train { epochs 1 }
                """;
        ExperimentSpec users = Scripts.load(fromUser, "users-mlp.groovy", true);
        System.out.println("script " + users.name() + ": " + Experiment.summarize(users).totalParameters() + " parameters");
    }
}
