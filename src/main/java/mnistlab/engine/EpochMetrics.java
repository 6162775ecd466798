package mnistlab.engine;

/** What one epoch achieved; epochs count from 1. */
public record EpochMetrics(int epoch, float loss, float trainAccuracy, float testAccuracy, double seconds,
                           double imagesPerSecond, float learningRate) {
}
