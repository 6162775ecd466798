package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
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
     * The summary without loading data or building the model: shapes checked and parameters
     * counted from the spec alone, so a script's check costs no native memory and the model is
     * built once, by the experiment. An idx data set with no class list has its training labels
     * read to count the classes.
     */
    static ModelSummary summarize(ExperimentSpec spec) throws IOException {
        ExperimentSpec withClasses = spec.withDataset(ExperimentData.withClassNames(spec.dataset()));
        return summaryOf(withClasses, checkShapes(withClasses));
    }

    static List<Shape> checkShapes(ExperimentSpec spec) {
        int classes = ExperimentData.recordedClassNames(spec.dataset()).size();
        return Networks.inferShapes(spec.layers(), inputShape(), classes);
    }

    /** Each layer's output shape and parameter counts, from the spec and its checked shapes. */
    static ModelSummary summaryOf(ExperimentSpec spec, List<Shape> shapes) {
        List<ModelSummary.Row> rows = new ArrayList<>();
        Shape in = inputShape();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            rows.add(new ModelSummary.Row(i, layer.kind(), Networks.describe(shapes.get(i)), Networks.parameters(layer, in),
                    Networks.trainableParameters(layer, in)));
            in = shapes.get(i);
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
