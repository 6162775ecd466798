package mnistlab.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import mnistlab.data.ImageSet;

import java.util.function.UnaryOperator;

/**
 * An experiment's images and labels, resident on the training device for its whole life, as the
 * model takes them: batches are gathered there, so a GPU never waits on the host for data.
 */
final class DeviceData implements AutoCloseable {
    private final NDManager manager;
    private NDArray trainImages;
    private NDArray trainLabels;
    private NDArray validationImages;
    private NDArray testImages;

    DeviceData(Device device) {
        this.manager = NDManager.newBaseManager(device);
    }

    /**
     * Puts the sets on the device, pixels through {@code modelInput} (the spec's normalisation);
     * {@code validation} is null when none is held out.
     */
    void load(ImageSet train, ImageSet validation, ImageSet test, UnaryOperator<NDArray> modelInput) {
        trainImages = modelInput.apply(train.imagesArray(manager));
        trainLabels = train.labelsArray(manager);
        validationImages = validation == null ? null : modelInput.apply(validation.imagesArray(manager));
        testImages = modelInput.apply(test.imagesArray(manager));
    }

    /** Scratch arrays of a step or an evaluation live in sub-managers of this one. */
    NDManager manager() {
        return manager;
    }

    NDArray trainImages() {
        return trainImages;
    }

    NDArray trainLabels() {
        return trainLabels;
    }

    /** Null when no validation set is held out. */
    NDArray validationImages() {
        return validationImages;
    }

    NDArray testImages() {
        return testImages;
    }

    @Override
    public void close() {
        manager.close();
    }
}
