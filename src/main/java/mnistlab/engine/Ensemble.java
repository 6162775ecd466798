package mnistlab.engine;

import mnistlab.data.ImageSet;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;
import mnistlab.result.Prediction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A committee of trained runs: their softmax probabilities on the common test set, averaged (as
 * the MNIST committees of Ciresan et al. average their columns), and on their common validation
 * set when they held out the same one, so that choices about the committee (which runs, how many
 * shifted views) can be made without the test set. The runs must have been tested on the same
 * images with the same classes.
 */
public final class Ensemble {
    /** Images per forward pass, as the evaluation's. */
    private static final int CHUNK = Evaluator.BATCH;
    /** The largest shift radius: 7 x 7 = 49 forward passes an image already. */
    public static final int MAX_SHIFT_RADIUS = 3;

    /**
     * @param ensemble   the averaged probabilities on the test set (accuracy, loss, confusion)
     * @param validation the same on the validation images every run held out; null when they
     *                   held out none or not the same number of the same labels
     * @param runs       the run folders, in the order given
     * @param accuracies each run's own test accuracy, in the same order
     */
    public record Result(Evaluation ensemble, Evaluation validation, List<Path> runs, List<Float> accuracies) {
        /**
         * Copies the lists.
         * @param ensemble the averaged probabilities on the test set (accuracy, loss, confusion)
         * @param validation the same on the common validation images, or null
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
        return evaluate(runDirs, 0);
    }

    /**
     * As {@link #evaluate(List)}, with test-time augmentation: each run classifies every image and
     * its copies moved by up to {@code shiftRadius} pixels along each axis ((2 r + 1)^2 views) and
     * averages them.
     * @param runDirs two or more run folders tested on the same images
     * @param shiftRadius 0 (the images alone) to {@link #MAX_SHIFT_RADIUS}
     * @return the ensemble's and each run's figures
     * @throws IOException naming a run folder that cannot be read or was tested on other images
     */
    public static Result evaluate(List<Path> runDirs, int shiftRadius) throws IOException {
        if (runDirs.size() < 2) {
            throw new IllegalArgumentException(Messages.get("engine.ensembleSize", runDirs.size()));
        }
        if (shiftRadius < 0 || shiftRadius > MAX_SHIFT_RADIUS) {
            throw new IllegalArgumentException(Messages.get("engine.shiftRadius", shiftRadius, MAX_SHIFT_RADIUS));
        }
        long start = System.nanoTime();
        Votes test = null;
        Votes validation = null; // null from the first run that did not hold out the first run's images
        List<Float> accuracies = new ArrayList<>();
        for (Path runDir : runDirs) {
            try (Experiment exp = Experiment.open(runDir)) {
                if (test == null) {
                    test = new Votes(exp.testSet());
                    validation = exp.validationSet() == null ? null : new Votes(exp.validationSet());
                } else if (!test.holds(exp.testSet())) {
                    ImageSet set = exp.testSet();
                    throw new IOException(Messages.get("engine.ensembleMismatch", runDir, runDirs.get(0), set.size(),
                            set.classNames().size(), test.labels.length, test.classes.size()));
                }
                accuracies.add(test.add(exp, exp.testSet(), shiftRadius));
                if (validation != null && validation.holds(exp.validationSet())) {
                    validation.add(exp, exp.validationSet(), shiftRadius);
                } else {
                    validation = null;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(test.vote(runDirs.size(), seconds),
                validation == null ? null : validation.vote(runDirs.size(), seconds), runDirs, accuracies);
    }

    /** The summed probabilities of the runs so far on one set of images. */
    private static final class Votes {
        final int[] labels;
        final List<String> classes;
        final float[][] sum;

        Votes(ImageSet set) {
            labels = set.labels();
            classes = set.classNames();
            sum = new float[labels.length][classes.size()];
        }

        boolean holds(ImageSet set) {
            return set != null && Arrays.equals(labels, set.labels()) && classes.equals(set.classNames());
        }

        /** Adds the run's probabilities on {@code set}; returns the run's own accuracy there. */
        float add(Experiment exp, ImageSet set, int shiftRadius) {
            int correct = 0;
            for (int from = 0; from < set.size(); from += CHUNK) {
                List<float[]> images = new ArrayList<>();
                for (int i = from; i < Math.min(set.size(), from + CHUNK); i++) {
                    images.add(set.image(i));
                }
                List<Prediction> predictions = exp.predictor().predictAll(images, set.rows(), set.cols(), shiftRadius);
                for (int i = 0; i < predictions.size(); i++) {
                    float[] p = predictions.get(i).probabilities();
                    for (int c = 0; c < p.length; c++) {
                        sum[from + i][c] += p[c];
                    }
                    correct += predictions.get(i).label() == set.label(from + i) ? 1 : 0;
                }
            }
            return (float) correct / set.size();
        }

        Evaluation vote(int members, double seconds) {
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
            return Evaluation.of(labels, predicted, confidence, classes.size(), (float) (loss / labels.length), seconds);
        }
    }
}
