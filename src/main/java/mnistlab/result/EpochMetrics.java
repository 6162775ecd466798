package mnistlab.result;

/**
 * What one epoch achieved; epochs count from 1. Validation loss and accuracy are NaN when no
 * validation set is held out.
 */
public record EpochMetrics(int epoch, float loss, float trainAccuracy, float testAccuracy, double seconds,
                           double imagesPerSecond, float learningRate, float validationLoss, float validationAccuracy) {

    /** @return whether the epoch was validated (a validation set was held out) */
    public boolean validated() {
        return !Float.isNaN(validationAccuracy);
    }
}
