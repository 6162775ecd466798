package mnistlab.dsl;

import mnistlab.data.Datasets;
import mnistlab.engine.spec.DatasetSpec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code dataset mnist { ... }}: which data, where, and how much of it. */
public class DatasetDsl {
    private String name;
    private Path root = Path.of("data");
    private boolean download = true;
    private int limit;
    private int testLimit;
    private float mean = Float.NaN;
    private float std = Float.NaN;

    DatasetDsl(String name) {
        this.name = name;
        Datasets.byName(name);
    }

    /** The data root folder (default {@code data}); the files go to ROOT/&lt;dataset&gt;/. */
    public void root(Object folder) {
        root = Path.of(Args.toText("root", "folder", folder));
    }

    /** Whether the fetch chain may download or install missing files (default true). */
    public void download(Object allowed) {
        download = Args.toBoolean("download", allowed);
    }

    /** Train on the first N training images only. */
    public void limit(Object count) {
        limit = Args.positive("limit", "count", count);
    }

    /** Test on the first N test images only. */
    public void testLimit(Object count) {
        testLimit = Args.positive("testLimit", "count", count);
    }

    /** {@code normalize mean: 0.1307, std: 0.3081}: (x - mean) / std, as torchvision's Normalize. */
    public void normalize(Map<String, Object> options) {
        Args.allowOnly("normalize", options, Set.of("mean", "std"));
        if (!options.containsKey("mean") || !options.containsKey("std")) {
            throw new DslError("normalize", "'normalize' needs both mean: and std:");
        }
        mean = Args.toFloat("normalize", "mean", options.get("mean"));
        std = Args.toFloat("normalize", "std", options.get("std"));
        if (!(std > 0)) {
            throw new DslError("normalize", "'normalize' std must be positive, not " + std);
        }
    }

    void name(String datasetName) {
        Datasets.byName(datasetName);
        name = datasetName;
    }

    DatasetSpec build() {
        return new DatasetSpec(name, root, download, limit, testLimit, mean, std);
    }
}
