package mnistlab.engine;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import mnistlab.data.MnistData;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Makes experiments: fresh from a spec, or from a run folder's last checkpoint. */
final class Experiments {
    private Experiments() {
    }

    /** How a new model gets its parameters: initialised, or loaded from a checkpoint. */
    private interface Parameters {
        void setUp(Model model) throws IOException;
    }

    static Experiment create(ExperimentSpec given) throws IOException {
        ExperimentSpec spec = given.withDataset(ExperimentData.withClassNames(given.dataset()));
        return assemble(spec, model -> {
            Engine.getInstance().setRandomSeed((int) spec.train().seed());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, Models.inputShape());
        });
    }

    static Experiment open(Path runDir, ExperimentSpec recorded) throws IOException {
        // a run folder from before specs recorded class names has a registry data set's
        ExperimentSpec spec = recorded.withDataset(recorded.dataset().withClasses(
                ExperimentData.recordedClassNames(recorded.dataset())));
        RunFolder folder = RunFolder.open(runDir);
        RunFolder.Checkpoint checkpoint = folder.readCheckpoint();
        if (checkpoint == null) {
            throw new IOException(Messages.get("run.noCheckpoint", runDir));
        }
        Experiment exp = assemble(spec, model -> folder.loadParameters(model, checkpoint));
        try {
            exp.resumeFrom(folder, checkpoint);
            return exp;
        } catch (IOException | RuntimeException e) {
            exp.close();
            throw e;
        }
    }

    /** Shapes checked before any data loads, then the data, the model on its device and its parameters. */
    private static Experiment assemble(ExperimentSpec spec, Parameters parameters) throws IOException {
        List<Shape> shapes = Models.checkShapes(spec);
        MnistData.Splits splits = Models.loadData(spec);
        Model model = Models.newModel(spec, Devices.resolve(spec.train().device()));
        try {
            parameters.setUp(model);
            return new Experiment(spec, model, Models.summaryOf(spec, shapes), splits);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
