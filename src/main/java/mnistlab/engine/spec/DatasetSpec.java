package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which data to train and test on. Run folders' spec.json files from before a field existed read
 * it as null or 0, which means its default.
 *
 * @param name       mnist or fashion-mnist (the data registry), idx (any four IDX files) or folder
 *                   (a folder of images per class, as torchvision's ImageFolder)
 * @param root       the data root folder (mnist, fashion-mnist); the training images (folder)
 * @param download   whether the fetch chain may download or install missing files
 * @param limit      use only the first {@code limit} training images; 0 for all
 * @param testLimit  use only the first {@code testLimit} test images; 0 for all
 * @param mean       normalisation mean ((x - mean) / std), with std; NaN for none
 * @param std        normalisation standard deviation; NaN for none
 * @param idx        the four files of an idx dataset; null for the others
 * @param testRoot   the test images of a folder dataset; null for the others
 * @param classes    the class names, label 0 first; empty until known (the registry's, the
 *                   folders', or '0', '1', … for idx files without a list)
 * @param validation the training images held out to validate each epoch: a count when 1 or more,
 *                   a fraction of the training set below 1; 0 for none
 * @param augment    random distortions of the training images (never of validation or test images)
 * @param deskew     whether the model sees every image deskewed (sheared upright, centred by mass)
 * @param normalizedWidth the width in pixels to which every image the model sees is stretched or
 *                   squeezed sideways, its ink's span (Ciresan et al.), after any deskewing; 0 for none
 */
public record DatasetSpec(String name, Path root, boolean download, int limit, int testLimit, float mean, float std,
                          IdxPaths idx, Path testRoot, List<String> classes, double validation, AugmentSpec augment,
                          boolean deskew, int normalizedWidth) {

    /** The kinds of data set, as {@code dataset KIND { ... }} names them. */
    public static final List<String> KINDS = List.of("mnist", "fashion-mnist", "idx", "folder");

    /** An idx dataset's files, raw or gzip-compressed. */
    public record IdxPaths(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        /** No files named yet. */
        public static final IdxPaths NONE = new IdxPaths(null, null, null, null);

        /**
         * A copy with one file replaced.
         * @param which trainImages, trainLabels, testImages or testLabels
         * @param file the file
         * @return the new paths
         * @throws IllegalArgumentException for any other name
         */
        public IdxPaths withFile(String which, Path file) {
            return switch (which) {
                case "trainImages" -> new IdxPaths(file, trainLabels, testImages, testLabels);
                case "trainLabels" -> new IdxPaths(trainImages, file, testImages, testLabels);
                case "testImages" -> new IdxPaths(trainImages, trainLabels, file, testLabels);
                case "testLabels" -> new IdxPaths(trainImages, trainLabels, testImages, file);
                default -> throw new IllegalArgumentException(Messages.get("spec.noIdxFile", which));
            };
        }

        List<Path> all() {
            return Arrays.asList(trainImages, trainLabels, testImages, testLabels);
        }
    }

    /**
     * Checks what one value can be checked for on its own.
     * @param name mnist or fashion-mnist (the data registry), idx (any four IDX files) or folder (a folder of images
     *   per class, as torchvision's ImageFolder)
     * @param root the data root folder (mnist, fashion-mnist); the training images (folder)
     * @param download whether the fetch chain may download or install missing files
     * @param limit use only the first {@code limit} training images; 0 for all
     * @param testLimit use only the first {@code testLimit} test images; 0 for all
     * @param mean normalisation mean ((x - mean) / std), with std; NaN for none
     * @param std normalisation standard deviation; NaN for none
     * @param idx the four files of an idx dataset; null for the others
     * @param testRoot the test images of a folder dataset; null for the others
     * @param classes the class names, label 0 first; empty until known (the registry's, the folders', or '0', '1', …
     *   for idx files without a list)
     * @param validation the training images held out to validate each epoch: a count when 1 or more, a fraction of
     *   the training set below 1; 0 for none
     * @param augment random distortions of the training images (never of validation or test images)
     * @param deskew whether the model sees every image deskewed (sheared upright, centred by mass)
     * @param normalizedWidth the width in pixels to which every image the model sees is stretched or squeezed
     *   sideways, its ink's span (Ciresan et al.), after any deskewing; 0 for none
     * @throws IllegalArgumentException naming the first value out of range
     */
    public DatasetSpec {
        if (name == null || root == null) {
            throw new IllegalArgumentException(Messages.get("spec.datasetIncomplete"));
        }
        // --set dataset.name=fashion_mnist was once recorded as given
        name = name.toLowerCase(Locale.ROOT).replace('_', '-').replace("fashionmnist", "fashion-mnist");
        if (!KINDS.contains(name)) {
            throw new IllegalArgumentException(Messages.get("spec.unknownDataset", name, String.join(", ", KINDS)));
        }
        if (limit < 0 || testLimit < 0) {
            throw new IllegalArgumentException(Messages.get("spec.limit", Math.min(limit, testLimit)));
        }
        if (Float.isNaN(mean) != Float.isNaN(std) || (!Float.isNaN(std) && !(std > 0))) {
            throw new IllegalArgumentException(Messages.get("spec.normalize", mean, std));
        }
        if (idx != null && !name.equals("idx")) {
            throw new IllegalArgumentException(Messages.get("spec.idxOnly", name));
        }
        if (testRoot != null && !name.equals("folder")) {
            throw new IllegalArgumentException(Messages.get("spec.folderOnly", name));
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
        augment = augment == null ? AugmentSpec.NONE : augment;
        if (new HashSet<>(classes).size() != classes.size()) {
            throw new IllegalArgumentException(Messages.get("spec.classesDiffer", classes));
        }
        if (classes.size() > 1000) {
            throw new IllegalArgumentException(Messages.get("spec.tooManyClasses", classes.size()));
        }
        if (!(validation >= 0) || (validation >= 1 && (validation != Math.rint(validation) || validation > Integer.MAX_VALUE))) {
            throw new IllegalArgumentException(Messages.get("spec.validation", validation));
        }
        if (normalizedWidth < 0) {
            throw new IllegalArgumentException(Messages.get("spec.normalizeWidth", normalizedWidth));
        }
    }

    /**
     * A data set with the defaults: all images, no normalisation, fetched when missing.
     * @param name mnist, fashion-mnist, idx or folder (fashionMnist reads as fashion-mnist)
     * @param root the data root folder, or a folder data set's training pictures
     * @return the spec
     */
    public static DatasetSpec of(String name, Path root) {
        return new DatasetSpec(name, root, true, 0, 0, Float.NaN, Float.NaN, null, null, List.of(), 0, AugmentSpec.NONE, false, 0);
    }

    /**
     * What the record alone cannot check while a script fills it in keyword by keyword: an idx
     * dataset names its four files, a folder dataset its test folder.
     * @return this spec
     * @throws IllegalArgumentException naming what is missing
     */
    public DatasetSpec complete() {
        if (name.equals("idx") && (idx == null || idx.all().contains(null))) {
            throw new IllegalArgumentException(Messages.get("spec.idxIncomplete"));
        }
        if (name.equals("folder") && testRoot == null) {
            throw new IllegalArgumentException(Messages.get("spec.folderIncomplete"));
        }
        return this;
    }

    /**
     * A copy that deskews every image the model sees, in training as in predictions.
     * @param upright whether to deskew
     * @return the new spec
     */
    public DatasetSpec withDeskew(boolean upright) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment, upright, normalizedWidth);
    }

    /**
     * A copy whose images the model sees with their ink stretched or squeezed to a width.
     * @param pixels the width in pixels; 0 for none
     * @return the new spec
     */
    public DatasetSpec withNormalizedWidth(int pixels) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment, deskew, pixels);
    }

    /** @return whether the model sees (x - mean) / std rather than pixels in [0, 1] */
    public boolean normalized() {
        return !Float.isNaN(mean);
    }

    /**
     * The images held out of {@code trainingImages} for validation.
     * @param trainingImages the training images there are (after {@code limit})
     * @return how many of the last ones are held out
     * @throws IllegalArgumentException when none would be left to train on
     */
    public int validationCount(int trainingImages) {
        int count = validation >= 1 ? (int) validation : (int) Math.round(validation * trainingImages);
        if (count >= trainingImages) {
            throw new IllegalArgumentException(Messages.get("spec.validationAll", count, trainingImages));
        }
        return count;
    }

    /**
     * Every file and folder the data comes from that a script names (for the sandbox's confinement).
     * @return the paths
     */
    public Set<Path> namedPaths() {
        Set<Path> paths = new HashSet<>();
        paths.add(root);
        if (idx != null) {
            idx.all().stream().filter(p -> p != null).forEach(paths::add);
        }
        if (testRoot != null) {
            paths.add(testRoot);
        }
        return paths;
    }

    /**
     * A copy with another kind of data set.
     * @param newName mnist, fashion-mnist, idx or folder
     * @return the new spec
     */
    public DatasetSpec withName(String newName) {
        return new DatasetSpec(newName, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with another root folder.
     * @param newRoot the data root folder
     * @return the new spec
     */
    public DatasetSpec withRoot(Path newRoot) {
        return new DatasetSpec(name, newRoot, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with fetching allowed or not.
     * @param allowed whether missing files may be fetched
     * @return the new spec
     */
    public DatasetSpec withDownload(boolean allowed) {
        return new DatasetSpec(name, root, allowed, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy that feeds the model (x - mean) / std.
     * @param newMean subtracted from every pixel in [0, 1]
     * @param newStd what the difference is divided by
     * @return the new spec
     */
    public DatasetSpec withNormalization(float newMean, float newStd) {
        return new DatasetSpec(name, root, download, limit, testLimit, newMean, newStd, idx, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy that uses the first images only.
     * @param newLimit training images, 0 for all
     * @param newTestLimit test images, 0 for all
     * @return the new spec
     */
    public DatasetSpec withLimits(int newLimit, int newTestLimit) {
        return new DatasetSpec(name, root, download, newLimit, newTestLimit, mean, std, idx, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with one of an idx data set's files named.
     * @param which trainImages, trainLabels, testImages or testLabels
     * @param file the file, raw or gzip-compressed
     * @return the new spec
     */
    public DatasetSpec withIdxFile(String which, Path file) {
        IdxPaths files = (idx == null ? IdxPaths.NONE : idx).withFile(which, file);
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, files, testRoot, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with a folder data set's test pictures.
     * @param folder one sub-folder per class
     * @return the new spec
     */
    public DatasetSpec withTestRoot(Path folder) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, folder, classes, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with class names.
     * @param names one per label, in label order
     * @return the new spec
     */
    public DatasetSpec withClasses(List<String> names) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, names, validation, augment, deskew, normalizedWidth);
    }

    /**
     * A copy with distortions of the training images.
     * @param distortions drawn per image and epoch
     * @return the new spec
     */
    public DatasetSpec withAugment(AugmentSpec distortions) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, distortions, deskew, normalizedWidth);
    }

    /**
     * A copy with a validation split.
     * @param heldOut a number of images, or a fraction below 1
     * @return the new spec
     */
    public DatasetSpec withValidation(double heldOut) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, heldOut, augment, deskew, normalizedWidth);
    }
}
