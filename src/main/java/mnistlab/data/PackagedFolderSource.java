package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A folder an OS package installs (Debian's {@code dataset-fashion-mnist}), raw or gzip files. */
final class PackagedFolderSource implements DataSource {
    private final Path folder;

    PackagedFolderSource(Path folder) {
        this.folder = folder;
    }

    @Override
    public String describe() {
        return "packaged folder " + folder;
    }

    @Override
    public Path locate(DataFile file, Path workDir) throws FileNotFoundException {
        if (!Files.isDirectory(folder)) {
            throw new FileNotFoundException(Messages.get("source.noPackage", folder));
        }
        for (String name : List.of(file.name(), file.gzName())) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        throw new FileNotFoundException(Messages.get("source.noFile", file.gzName(), folder));
    }
}
