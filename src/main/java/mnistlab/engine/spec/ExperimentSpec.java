package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A whole experiment: what the DSL builds and the engine consumes. Immutable; Java callers build
 * one with {@link #builder(String)}.
 */
public record ExperimentSpec(String name, DatasetSpec dataset, List<LayerSpec> layers, TrainSpec train,
                             List<PlotSpec> plots) {

    /**
     * Checks the name and what only the whole can check (e.g. keepBest needs a validation set).
     * @param name names the run folders: letters, digits, '.', '_' or '-'
     * @param dataset what to train and test on
     * @param layers the model, in order
     * @param train how to train
     * @param plots the pictures to draw after training
     * @throws IllegalArgumentException naming what is wrong
     */
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
        for (PlotSpec plot : plots) {
            checkInspection(plot, layers);
        }
    }

    /** An inspection picture's layer exists and is of the kind it needs. */
    private static void checkInspection(PlotSpec plot, List<LayerSpec> layers) {
        PlotKind kind = plot.kind();
        List<Integer> convs = LayerRoles.convLayers(layers);
        int layer = plot.layerIn(layers);
        if ((kind == PlotKind.FILTERS || kind == PlotKind.GRAD_CAM) && convs.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("spec.inspectNoConv", kind.dslName()));
        }
        if (kind == PlotKind.FILTERS && !convs.contains(layer)) {
            throw new IllegalArgumentException(Messages.get("spec.inspectNotConv", kind.dslName(), layer,
                    convs.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        int maps = LayerRoles.mapLayers(layers);
        if ((kind == PlotKind.FEATURE_MAPS || kind == PlotKind.GRAD_CAM) && layer >= maps) {
            throw new IllegalArgumentException(Messages.get("spec.inspectNoMaps", kind.dslName(), layer, maps - 1));
        }
    }

    /**
     * Starts a spec in Java, keyword for keyword as a script reads.
     * @param name names the run folders
     * @return the builder
     */
    public static ExperimentBuilder builder(String name) {
        return new ExperimentBuilder(name);
    }

    /**
     * The seed PyTorch script's network: two 5x5 convolutions with pooling, then 1024 hidden units.
     * @return its layers
     */
    public static List<LayerSpec> seedNetwork() {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        return List.of(
                new LayerSpec.Conv2d(32, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Conv2d(64, 5, 1, 2), relu, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(1024), relu, new LayerSpec.Linear(10));
    }

    /**
     * A copy with other training settings.
     * @param newTrain the settings
     * @return the new spec
     */
    public ExperimentSpec withTrain(TrainSpec newTrain) {
        return new ExperimentSpec(name, dataset, layers, newTrain, plots);
    }

    /**
     * A copy with another data set.
     * @param newDataset the data set
     * @return the new spec
     */
    public ExperimentSpec withDataset(DatasetSpec newDataset) {
        return new ExperimentSpec(name, newDataset, layers, train, plots);
    }
}
