package mnistlab.dsl;

import mnistlab.data.Datasets;
import mnistlab.engine.spec.DatasetSpec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code dataset mnist { ... }}: which data, where, and how much of it. Each keyword changes the
 * spec record at once, so the record's own check reports a bad value at the keyword's line.
 */
public class DatasetDsl {
    private DatasetSpec spec;
    private final boolean sandboxed;

    DatasetDsl(String name, boolean sandboxed) {
        Datasets.byName(name);
        this.spec = DatasetSpec.of(name, Path.of("data"));
        this.sandboxed = sandboxed;
    }

    private void change(String keyword, Supplier<DatasetSpec> changed) {
        try {
            spec = changed.get();
        } catch (IllegalArgumentException e) {
            throw new KeywordError(keyword, e.getMessage());
        }
    }

    /**
     * The data root folder (default {@code data}); the files go to ROOT/&lt;dataset&gt;/. A
     * sandboxed script may name only a folder below the working directory, since the fetch chain writes there.
     */
    public void root(Object folder) {
        Path path = Path.of(Args.toText("root", "folder", folder));
        if (sandboxed && (path.isAbsolute() || path.normalize().startsWith(".."))) {
            throw new KeywordError("root", "sandbox: 'root' must be a folder below the working directory in a sandboxed script,"
                    + " not '" + path + "' (the host chooses others with --root)");
        }
        change("root", () -> spec.withRoot(path));
    }

    /** The host's choice ({@code --root}, {@code --set dataset.root}), which the sandbox does not confine. */
    void rootFromHost(String folder) {
        change("root", () -> spec.withRoot(Path.of(folder)));
    }

    /** Whether the fetch chain may download or install missing files (default true). */
    public void download(Object allowed) {
        boolean on = Args.toBoolean("download", allowed);
        change("download", () -> spec.withDownload(on));
    }

    /** Train on the first N training images only (0 for all). */
    public void limit(Object count) {
        int n = Args.toInt("limit", "count", count);
        change("limit", () -> spec.withLimits(n, spec.testLimit()));
    }

    /** Test on the first N test images only (0 for all). */
    public void testLimit(Object count) {
        int n = Args.toInt("testLimit", "count", count);
        change("testLimit", () -> spec.withLimits(spec.limit(), n));
    }

    /** {@code normalize mean: 0.1307, std: 0.3081}: (x - mean) / std, as torchvision's Normalize. */
    public void normalize(Map<String, Object> options) {
        Args.allowOnly("normalize", options, Set.of("mean", "std"));
        float mean = Args.toFloat("normalize", "mean", options.getOrDefault("mean", Float.NaN));
        float std = Args.toFloat("normalize", "std", options.getOrDefault("std", Float.NaN));
        change("normalize", () -> spec.withNormalization(mean, std));
    }

    void name(String datasetName) {
        Datasets.byName(datasetName);
        DatasetSpec d = spec;
        spec = new DatasetSpec(datasetName, d.root(), d.download(), d.limit(), d.testLimit(), d.mean(), d.std());
    }

    DatasetSpec build() {
        return spec;
    }
}
