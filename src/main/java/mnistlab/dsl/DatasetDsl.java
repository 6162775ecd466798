package mnistlab.dsl;

import mnistlab.data.Datasets;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.i18n.Messages;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code dataset mnist { ... }}, {@code dataset idx { ... }}, {@code dataset folder { ... }}: which
 * data, where, and how much of it. Each keyword changes the spec record at once, so the record's
 * own check reports a bad value at the keyword's line.
 */
public class DatasetDsl {
    private DatasetSpec spec;
    private final boolean sandboxed;

    DatasetDsl(String name, boolean sandboxed) {
        this.spec = DatasetSpec.of(canonical(name), Path.of("data"));
        this.sandboxed = sandboxed;
    }

    /** mnist, fashion-mnist (also fashionMnist, fashion_mnist), idx or folder. */
    private static String canonical(String name) {
        if (name.equals("idx") || name.equals("folder")) {
            return name;
        }
        try {
            return Datasets.byName(name).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.get("dsl.unknownDataset", name));
        }
    }

    private void change(String keyword, Supplier<DatasetSpec> changed) {
        spec = KeywordError.checked(keyword, changed);
    }

    /**
     * The data root folder (default {@code data}); the files go to ROOT/&lt;dataset&gt;/. A
     * sandboxed script may name only a folder below the working directory, since the fetch chain writes there.
     * @param folder a path
     */
    public void root(Object folder) {
        Path path = confined("root", folder);
        change("root", () -> spec.withRoot(path));
    }

    /** A path a script names; a sandboxed script may name only what lies below the working directory. */
    private Path confined(String keyword, Object value) {
        Path path = Path.of(Args.toText(keyword, "path", value));
        if (sandboxed && (path.isAbsolute() || path.normalize().startsWith(".."))) {
            throw new KeywordError(keyword, Messages.get("dsl.sandboxPath", keyword, path));
        }
        return path;
    }

    /**
     * dataset idx: the training images' IDX file (raw or gzip-compressed).
     * @param file a path
     */
    public void trainImages(Object file) {
        idxFile("trainImages", file);
    }

    /**
     * dataset idx: the training labels' IDX file.
     * @param file a path
     */
    public void trainLabels(Object file) {
        idxFile("trainLabels", file);
    }

    /**
     * dataset idx: the test images' IDX file.
     * @param file a path
     */
    public void testImages(Object file) {
        idxFile("testImages", file);
    }

    /**
     * dataset idx: the test labels' IDX file.
     * @param file a path
     */
    public void testLabels(Object file) {
        idxFile("testLabels", file);
    }

    private void idxFile(String keyword, Object file) {
        Path path = confined(keyword, file);
        change(keyword, () -> spec.withIdxFile(keyword, path));
    }

    /**
     * dataset idx: the class names, label 0 first (default '0', '1', … up to the largest label).
     * @param names one per label
     */
    public void classes(Object... names) {
        List<String> list = Arrays.stream(names).map(n -> Args.toText("classes", "name", n)).toList();
        change("classes", () -> spec.withClasses(list));
    }

    /**
     * dataset folder: the folder of test pictures, one sub-folder per class as in {@code root}.
     * @param folder a path
     */
    public void test(Object folder) {
        Path path = confined("test", folder);
        change("test", () -> spec.withTestRoot(path));
    }

    /**
     * Holds out training images to validate each epoch: {@code validation 5000} (the last 5000 of
     * the training set, after {@code limit}) or {@code validation 0.1} (a tenth of it).
     * @param countOrFraction a whole number, or a fraction below 1
     */
    public void validation(Object countOrFraction) {
        double held = Args.toDouble("validation", "count or fraction", countOrFraction);
        change("validation", () -> spec.withValidation(held));
    }

    /**
     * The host's choice of a path ({@code --root}, {@code --set dataset.root}, {@code dataset.test},
     * {@code dataset.trainImages}, …), which the sandbox does not confine.
     */
    void pathFromHost(String keyword, String value) {
        Path path = Path.of(value);
        change(keyword, () -> switch (keyword) {
            case "root" -> spec.withRoot(path);
            case "test" -> spec.withTestRoot(path);
            default -> spec.withIdxFile(keyword, path);
        });
    }

    /**
     * Whether the fetch chain may download or install missing files (default true).
     * @param allowed true or false
     */
    public void download(Object allowed) {
        boolean on = Args.toBoolean("download", allowed);
        change("download", () -> spec.withDownload(on));
    }

    /**
     * Train on the first N training images only (0 for all).
     * @param count a whole number
     */
    public void limit(Object count) {
        int n = Args.toInt("limit", "count", count);
        change("limit", () -> spec.withLimits(n, spec.testLimit()));
    }

    /**
     * Test on the first N test images only (0 for all).
     * @param count a whole number
     */
    public void testLimit(Object count) {
        int n = Args.toInt("testLimit", "count", count);
        change("testLimit", () -> spec.withLimits(spec.limit(), n));
    }

    /**
     * {@code normalize mean: 0.1307, std: 0.3081}: (x - mean) / std, as torchvision's Normalize.
     * @param options mean: and std:
     */
    public void normalize(Map<String, Object> options) {
        Args.allowOnly("normalize", options, Set.of("mean", "std"));
        float mean = Args.toFloat("normalize", "mean", options.getOrDefault("mean", Float.NaN));
        float std = Args.toFloat("normalize", "std", options.getOrDefault("std", Float.NaN));
        change("normalize", () -> spec.withNormalization(mean, std));
    }

    /**
     * {@code deskew true}: the model sees every image sheared upright and centred by its mass, in
     * training as in predictions (the classic MNIST preprocessing).
     * @param upright true or false
     */
    public void deskew(Object upright) {
        boolean on = Args.toBoolean("deskew", upright);
        change("deskew", () -> spec.withDeskew(on));
    }

    /**
     * {@code normalizeWidth 16}: the model sees every image stretched or squeezed sideways until
     * its ink spans 16 pixels, centred, in training as in predictions (Ciresan et al.'s
     * committees); after {@code deskew}.
     * @param pixels the width in pixels; 0 for none
     */
    public void normalizeWidth(Object pixels) {
        int width = Args.toInt("normalizeWidth", "pixels", pixels);
        change("normalizeWidth", () -> spec.withNormalizedWidth(width));
    }

    void name(String datasetName) {
        String name = KeywordError.checked("dataset", () -> canonical(datasetName));
        change("dataset", () -> spec.withName(name));
    }

    DatasetSpec build() {
        return spec.complete();
    }
}
