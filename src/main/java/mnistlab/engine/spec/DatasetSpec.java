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
 */
public record DatasetSpec(String name, Path root, boolean download, int limit, int testLimit, float mean, float std,
                          IdxPaths idx, Path testRoot, List<String> classes, double validation, AugmentSpec augment) {

    /** The kinds of data set, as {@code dataset KIND { ... }} names them. */
    public static final List<String> KINDS = List.of("mnist", "fashion-mnist", "idx", "folder");

    /** An idx dataset's files, raw or gzip-compressed. */
    public record IdxPaths(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
        public static final IdxPaths NONE = new IdxPaths(null, null, null, null);

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
    }

    public static DatasetSpec of(String name, Path root) {
        return new DatasetSpec(name, root, true, 0, 0, Float.NaN, Float.NaN, null, null, List.of(), 0, AugmentSpec.NONE);
    }

    /**
     * What the record alone cannot check while a script fills it in keyword by keyword: an idx
     * dataset names its four files, a folder dataset its test folder.
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

    public boolean normalized() {
        return !Float.isNaN(mean);
    }

    /** The images held out of {@code trainingImages} for validation. */
    public int validationCount(int trainingImages) {
        int count = validation >= 1 ? (int) validation : (int) Math.round(validation * trainingImages);
        if (count >= trainingImages) {
            throw new IllegalArgumentException(Messages.get("spec.validationAll", count, trainingImages));
        }
        return count;
    }

    /** Every file and folder the data comes from that a script names (for the sandbox's confinement). */
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

    public DatasetSpec withName(String newName) {
        return new DatasetSpec(newName, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment);
    }

    public DatasetSpec withRoot(Path newRoot) {
        return new DatasetSpec(name, newRoot, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment);
    }

    public DatasetSpec withDownload(boolean allowed) {
        return new DatasetSpec(name, root, allowed, limit, testLimit, mean, std, idx, testRoot, classes, validation, augment);
    }

    public DatasetSpec withNormalization(float newMean, float newStd) {
        return new DatasetSpec(name, root, download, limit, testLimit, newMean, newStd, idx, testRoot, classes, validation, augment);
    }

    public DatasetSpec withLimits(int newLimit, int newTestLimit) {
        return new DatasetSpec(name, root, download, newLimit, newTestLimit, mean, std, idx, testRoot, classes, validation, augment);
    }

    public DatasetSpec withIdxFile(String which, Path file) {
        IdxPaths files = (idx == null ? IdxPaths.NONE : idx).withFile(which, file);
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, files, testRoot, classes, validation, augment);
    }

    public DatasetSpec withTestRoot(Path folder) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, folder, classes, validation, augment);
    }

    public DatasetSpec withClasses(List<String> names) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, names, validation, augment);
    }

    public DatasetSpec withAugment(AugmentSpec distortions) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, validation, distortions);
    }

    public DatasetSpec withValidation(double heldOut) {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std, idx, testRoot, classes, heldOut, augment);
    }
}
