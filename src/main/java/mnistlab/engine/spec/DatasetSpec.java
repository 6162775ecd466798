package mnistlab.engine.spec;

import java.nio.file.Path;

/**
 * Which data to train and test on.
 *
 * @param name      a name the data registry knows (mnist, fashion-mnist)
 * @param root      the data root folder
 * @param download  whether the fetch chain may download or install missing files
 * @param limit     use only the first {@code limit} training images; 0 for all
 * @param testLimit use only the first {@code testLimit} test images; 0 for all
 * @param mean      normalisation mean ((x - mean) / std), with std; NaN for none
 * @param std       normalisation standard deviation; NaN for none
 */
public record DatasetSpec(String name, Path root, boolean download, int limit, int testLimit, float mean, float std) {

    public DatasetSpec {
        if (limit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limit and testLimit must not be negative (0 for all), not "
                    + Math.min(limit, testLimit));
        }
        if (Float.isNaN(mean) != Float.isNaN(std) || (!Float.isNaN(std) && !(std > 0))) {
            throw new IllegalArgumentException("normalize needs both mean and a positive std, not " + mean + ", " + std);
        }
        if (name == null || root == null) {
            throw new IllegalArgumentException("a dataset needs a name and a root folder");
        }
    }

    public static DatasetSpec of(String name, Path root) {
        return new DatasetSpec(name, root, true, 0, 0, Float.NaN, Float.NaN);
    }

    public boolean normalized() {
        return !Float.isNaN(mean);
    }

    public DatasetSpec withRoot(Path newRoot) {
        return new DatasetSpec(name, newRoot, download, limit, testLimit, mean, std);
    }

    public DatasetSpec withDownload(boolean allowed) {
        return new DatasetSpec(name, root, allowed, limit, testLimit, mean, std);
    }

    public DatasetSpec withNormalization(float newMean, float newStd) {
        return new DatasetSpec(name, root, download, limit, testLimit, newMean, newStd);
    }

    public DatasetSpec withLimits(int newLimit, int newTestLimit) {
        return new DatasetSpec(name, root, download, newLimit, newTestLimit, mean, std);
    }
}
