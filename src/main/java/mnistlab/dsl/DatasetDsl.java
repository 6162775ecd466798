package mnistlab.dsl;

import mnistlab.data.Datasets;
import mnistlab.engine.spec.DatasetSpec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code dataset mnist { ... }}: which data, where, and how much of it. */
public class DatasetDsl {
    private String name;
    private Path rootValue = Path.of("data");
    private boolean downloadValue = true;
    private int limitValue;
    private int testLimitValue;
    private float mean = Float.NaN;
    private float std = Float.NaN;
    private final boolean sandboxed;

    DatasetDsl(String name, boolean sandboxed) {
        this.name = name;
        this.sandboxed = sandboxed;
        Datasets.byName(name);
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
        rootValue = path;
    }

    /** The host's choice ({@code --root}, {@code --set dataset.root}), which the sandbox does not confine. */
    void rootFromHost(String folder) {
        rootValue = Path.of(folder);
    }

    /** Whether the fetch chain may download or install missing files (default true). */
    public void download(Object allowed) {
        downloadValue = Args.toBoolean("download", allowed);
    }

    /** Train on the first N training images only. */
    public void limit(Object count) {
        limitValue = Args.positive("limit", "count", count);
    }

    /** Test on the first N test images only. */
    public void testLimit(Object count) {
        testLimitValue = Args.positive("testLimit", "count", count);
    }

    /** {@code normalize mean: 0.1307, std: 0.3081}: (x - mean) / std, as torchvision's Normalize. */
    public void normalize(Map<String, Object> options) {
        Args.allowOnly("normalize", options, Set.of("mean", "std"));
        if (!options.containsKey("mean") || !options.containsKey("std")) {
            throw new KeywordError("normalize", "'normalize' needs both mean: and std:");
        }
        mean = Args.toFloat("normalize", "mean", options.get("mean"));
        std = Args.toFloat("normalize", "std", options.get("std"));
        if (!(std > 0)) {
            throw new KeywordError("normalize", "'normalize' std must be positive, not " + std);
        }
    }

    void name(String datasetName) {
        Datasets.byName(datasetName);
        name = datasetName;
    }

    DatasetSpec build() {
        return new DatasetSpec(name, rootValue, downloadValue, limitValue, testLimitValue, mean, std);
    }
}
