package mnistlab.engine;

import mnistlab.data.ImageSet;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A committee of trained runs: their softmax probabilities on the common test set, averaged (as
 * the MNIST committees of Ciresan et al. average their columns). The runs must have been tested on
 * the same images with the same classes.
 */
public final class Ensemble {
    /** Images per forward pass, as the evaluation's. */
    private static final int CHUNK = Evaluator.BATCH;

    /**
     * @param ensemble   the averaged probabilities on the test set (accuracy, loss, confusion)
     * @param runs       the run folders, in the order given
     * @param accuracies each run's own test accuracy, in the same order
     */
    public record Result(Evaluation ensemble, List<Path> runs, List<Float> accuracies) {
        /**
         * Copies the lists.
         * @param ensemble the averaged probabilities on the test set (accuracy, loss, confusion)
         * @param runs the run folders, in the order given
         * @param accuracies each run's own test accuracy, in the same order
         */
        public Result {
            runs = List.copyOf(runs);
            accuracies = List.copyOf(accuracies);
        }
    }

    private Ensemble() {
    }

    /**
     * Opens each run folder in turn (one model in memory at a time) and averages their probabilities.
     * @param runDirs two or more run folders tested on the same images
     * @return the ensemble's and each run's figures
     * @throws IOException naming a run folder that cannot be read or was tested on other images
     */
    public static Result evaluate(List<Path> runDirs) throws IOException {
        if (runDirs.size() < 2) {
            throw new IllegalArgumentException(Messages.get("engine.ensembleSize", runDirs.size()));
        }
        long start = System.nanoTime();
        float[][] sum = null;
        int[] labels = null;
        List<String> classes = null;
        List<Float> accuracies = new ArrayList<>();
        for (Path runDir : runDirs) {
            try (Experiment exp = Experiment.open(runDir)) {
                ImageSet test = exp.testSet();
                if (labels == null) {
                    labels = test.labels();
                    classes = test.classNames();
                    sum = new float[labels.length][classes.size()];
                } else if (!Arrays.equals(labels, test.labels()) || !classes.equals(test.classNames())) {
                    throw new IOException(Messages.get("engine.ensembleMismatch", runDir, runDirs.get(0), test.size(), test.classNames().size(), labels.length, classes.size()));
                }
                accuracies.add(addProbabilities(exp, test, sum));
            }
        }
        return new Result(vote(sum, labels, runDirs.size(), (System.nanoTime() - start) / 1e9), runDirs, accuracies);
    }

    /** Adds the run's probabilities to {@code sum}; returns the run's own accuracy. */
    private static float addProbabilities(Experiment exp, ImageSet test, float[][] sum) {
        int correct = 0;
        for (int from = 0; from < test.size(); from += CHUNK) {
            List<float[]> images = new ArrayList<>();
            for (int i = from; i < Math.min(test.size(), from + CHUNK); i++) {
                images.add(test.image(i));
            }
            List<Prediction> predictions = exp.predictAll(images);
            for (int i = 0; i < predictions.size(); i++) {
                float[] p = predictions.get(i).probabilities();
                for (int c = 0; c < p.length; c++) {
                    sum[from + i][c] += p[c];
                }
                correct += predictions.get(i).label() == test.label(from + i) ? 1 : 0;
            }
        }
        return (float) correct / test.size();
    }

    private static Evaluation vote(float[][] sum, int[] labels, int members, double seconds) {
        int[] predicted = new int[labels.length];
        float[] confidence = new float[labels.length];
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            for (int c = 1; c < sum[i].length; c++) {
                predicted[i] = sum[i][c] > sum[i][predicted[i]] ? c : predicted[i];
            }
            confidence[i] = sum[i][predicted[i]] / members;
            loss -= Math.log(Math.max(sum[i][labels[i]] / members, 1e-12));
        }
        return Evaluation.of(labels, predicted, confidence, sum.length == 0 ? 0 : sum[0].length,
                (float) (loss / labels.length), seconds);
    }
}
