package mnistlab.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model on a test (or validation) set: accuracy, mean cross-entropy loss (NaN where it was not
 * computed: the test set's timed recognition), per-class accuracy,
 * confusion matrix ({@code confusion[true][predicted]}), every prediction with its softmax
 * confidence, and how long classifying the whole set took.
 *
 * @param count       images classified
 * @param correct     of those, classified correctly
 * @param loss        the mean cross-entropy, or NaN
 * @param labels      the true classes
 * @param predictions the predicted classes
 * @param confidences each prediction's softmax probability
 * @param confusion   {@code confusion[true][predicted]} counts
 * @param seconds     how long classifying took
 */
public record Evaluation(int count, int correct, float loss, int[] labels, int[] predictions, float[] confidences,
                         int[][] confusion, double seconds) {

    /**
     * Counts and tabulates a set's predictions.
     * @param labels the true classes
     * @param predictions the predicted classes
     * @param confidences each prediction's softmax probability
     * @param classes how many classes there are
     * @param loss the mean loss, or NaN
     * @param seconds how long classifying took
     * @return the evaluation
     */
    public static Evaluation of(int[] labels, int[] predictions, float[] confidences, int classes, float loss,
                                double seconds) {
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predictions[i]]++;
            if (labels[i] == predictions[i]) {
                correct++;
            }
        }
        return new Evaluation(labels.length, correct, loss, labels, predictions, confidences, confusion, seconds);
    }

    /** @return the share classified correctly */
    public float accuracy() {
        return count == 0 ? 0f : (float) correct / count;
    }

    /**
     * Accuracy within each true class (NaN for a class with no test images).
     * @return one accuracy per class
     */
    public float[] perClassAccuracy() {
        float[] acc = new float[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            int total = 0;
            for (int p : confusion[c]) {
                total += p;
            }
            acc[c] = total == 0 ? Float.NaN : (float) confusion[c][c] / total;
        }
        return acc;
    }

    /**
     * Indices of the wrongly classified images, most confident mistakes first.
     * @return the indices
     */
    public List<Integer> misclassified() {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != predictions[i]) {
                wrong.add(i);
            }
        }
        wrong.sort((a, b) -> Float.compare(confidences[b], confidences[a]));
        return wrong;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[accuracy %.4f (%d of %d), %.2f s]", accuracy(), correct,
                count, seconds);
    }

    /**
     * Seconds per 10,000 images, the figure the seed script prints.
     * @return the seconds
     */
    public double secondsPer10k() {
        return count == 0 ? 0 : seconds * 10_000 / count;
    }
}
