package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import mnistlab.data.Datasets;
import mnistlab.data.MnistData;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.result.ModelSummary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** From a spec to what an {@link Experiment} is made of: checked shapes, the model, its summary and the data. */
final class Models {
    private Models() {
    }

    /**
     * The summary without loading data or training: shapes checked, parameters counted on the CPU.
     * An idx data set with no class list has its training labels read to count the classes.
     */
    static ModelSummary summarize(ExperimentSpec spec) throws IOException {
        List<Shape> shapes = checkShapes(spec.withDataset(ExperimentData.withClassNames(spec.dataset())));
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            SequentialBlock block = Networks.build(spec.layers(), inputShape());
            block.initialize(scratch, DataType.FLOAT32, inputShape());
            return summaryOf(spec, block, shapes);
        }
    }

    static List<Shape> checkShapes(ExperimentSpec spec) {
        int classes = ExperimentData.recordedClassNames(spec.dataset()).size();
        return Networks.inferShapes(spec.layers(), inputShape(), classes);
    }

    /** The summary of an initialised (or loaded) block: each layer's shape and parameter counts. */
    static ModelSummary summaryOf(ExperimentSpec spec, Block block, List<Shape> shapes) {
        List<ModelSummary.Row> rows = new ArrayList<>();
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            long params = 0;
            long trainable = 0;
            for (Pair<String, Parameter> p : children.get(i).getParameters()) {
                long size = p.getValue().getArray().size();
                params += size;
                trainable += p.getValue().requiresGradient() ? size : 0;
            }
            LayerSpec layer = spec.layers().get(i);
            rows.add(new ModelSummary.Row(i, layer.kind(), Networks.describe(shapes.get(i)), params, trainable));
        }
        return new ModelSummary(Networks.describe(inputShape()), rows);
    }

    static Shape inputShape() {
        return new Shape(1, 1, Datasets.IMAGE_ROWS, Datasets.IMAGE_COLS);
    }

    static MnistData.Splits loadData(ExperimentSpec spec) throws IOException {
        return ExperimentData.load(spec.dataset());
    }

    static Model newModel(ExperimentSpec spec, Device device) {
        Model model = Model.newInstance(spec.name(), device);
        model.setBlock(Networks.build(spec.layers(), inputShape()));
        return model;
    }
}
