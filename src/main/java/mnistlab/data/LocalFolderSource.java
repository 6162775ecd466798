package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files already on disk: in the dataset's folder under the root, in torchvision's layout
 * ({@code ROOT/MNIST/raw/}), or directly in the root; raw or gzip.
 */
final class LocalFolderSource implements DataSource {
    private final Path root;
    private final DatasetInfo info;

    LocalFolderSource(Path root, DatasetInfo info) {
        this.root = root;
        this.info = info;
    }

    @Override
    public String describe() {
        return "local folder " + root.resolve(info.name());
    }

    @Override
    public Path locate(DataFile file, Path workDir) throws FileNotFoundException {
        List<Path> folders = List.of(root.resolve(info.name()), root.resolve(info.torchvisionFolder()).resolve("raw"), root);
        List<Path> tried = new ArrayList<>();
        for (Path folder : folders) {
            for (String name : List.of(file.name(), file.gzName())) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                tried.add(candidate);
            }
        }
        throw new FileNotFoundException(Messages.get("source.notFound", tried.get(0), tried.get(1), tried.size() - 2));
    }
}
