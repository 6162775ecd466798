package mnistlab.result;

/**
 * One record of the every-N-batches history (the seed's {@code record_interval}).
 *
 * @param samplesSeen training images seen since the start of training
 * @param loss        mean loss over the batches since the previous record
 * @param accuracy    accuracy over the batches since the previous record
 */
public record HistoryPoint(int epoch, int batch, long samplesSeen, float loss, float accuracy) {
}
