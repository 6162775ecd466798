package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.List;

/**
 * A whole experiment: what the DSL builds and the engine consumes. Immutable; Java callers build
 * one with {@link #builder(String)}.
 */
public record ExperimentSpec(String name, DatasetSpec dataset, List<LayerSpec> layers, TrainSpec train,
                             List<PlotSpec> plots) {

    public ExperimentSpec {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(Messages.get("spec.name", name));
        }
        layers = List.copyOf(layers);
        plots = List.copyOf(plots);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("spec.noLayers"));
        }
        if (plots.stream().anyMatch(p -> p.kind() == PlotKind.AUGMENTED) && !dataset.augment().any()) {
            throw new IllegalArgumentException(Messages.get("spec.augmentedPlot"));
        }
        if (train.selectsByValidation() && dataset.validation() == 0) {
            throw new IllegalArgumentException(Messages.get("spec.needsValidation"));
        }
    }

    /**
     * Builds a spec in Java as a script reads: {@code ExperimentSpec.builder("x").mnist(root)
     * .conv2d(32, c -> c.kernel(5).padding(2)).relu().maxPool(2).flatten().linear(10).build()}.
     */
    public static ExperimentBuilder builder(String name) {
        return new ExperimentBuilder(name);
    }

    /** The seed PyTorch script's network: two 5x5 convolutions with pooling, then 1024 hidden units. */
    public static List<LayerSpec> seedNetwork() {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        return List.of(
                new LayerSpec.Conv2d(32, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Conv2d(64, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(1024), relu, new LayerSpec.Linear(10));
    }

    public ExperimentSpec withTrain(TrainSpec newTrain) {
        return new ExperimentSpec(name, dataset, layers, newTrain, plots);
    }

    public ExperimentSpec withDataset(DatasetSpec newDataset) {
        return new ExperimentSpec(name, newDataset, layers, train, plots);
    }
}
