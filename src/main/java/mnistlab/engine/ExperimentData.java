package mnistlab.engine;

import mnistlab.data.DatasetInfo;
import mnistlab.data.Datasets;
import mnistlab.data.IdxDataset;
import mnistlab.data.ImageFolderDataset;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.DatasetSpec.IdxPaths;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.util.List;

/**
 * The data a spec names, whichever kind it is: the registry's (fetched when allowed), four IDX
 * files, or a folder of pictures per class. The class names are settled first (cheaply, before
 * any images are read), so shapes are checked against them and spec.json records them.
 */
final class ExperimentData {
    private ExperimentData() {
    }

    /** The class names the spec records: its own list, or the registry's; never read from data files. */
    static List<String> recordedClassNames(DatasetSpec d) {
        if (!d.classes().isEmpty()) {
            return d.classes();
        }
        if (d.name().equals("idx") || d.name().equals("folder")) {
            throw new IllegalArgumentException(Messages.get("engine.noClasses", d.name()));
        }
        return Datasets.byName(d.name()).classNames();
    }

    /** The spec with its class names filled in, read from the label file or the folders when it has none. */
    static DatasetSpec withClassNames(DatasetSpec d) throws IOException {
        List<String> names = switch (d.name()) {
            case "idx" -> IdxDataset.classNames(d.idx().trainLabels(), d.classes());
            case "folder" -> d.classes().isEmpty() ? ImageFolderDataset.classNames(d.root()) : d.classes();
            default -> {
                List<String> registry = Datasets.byName(d.name()).classNames();
                if (!d.classes().isEmpty() && !d.classes().equals(registry)) {
                    throw new IllegalArgumentException(Messages.get("engine.ownClasses", d.name(), String.join(", ", registry)));
                }
                yield registry;
            }
        };
        return d.withClasses(names);
    }

    /** Both splits, read with the class names {@link #withClassNames} settled. */
    static MnistData.Splits load(DatasetSpec d) throws IOException {
        int rows = Datasets.IMAGE_ROWS;
        int cols = Datasets.IMAGE_COLS;
        return switch (d.name()) {
            case "idx" -> {
                IdxPaths f = d.idx();
                ImageSet train = IdxDataset.read(f.trainImages(), f.trainLabels(), d.classes(), rows, cols);
                yield new MnistData.Splits(train, IdxDataset.read(f.testImages(), f.testLabels(), d.classes(), rows, cols), null);
            }
            case "folder" -> new MnistData.Splits(ImageFolderDataset.read(d.root(), d.classes(), rows, cols),
                    ImageFolderDataset.read(d.testRoot(), d.classes(), rows, cols), null);
            default -> {
                DatasetInfo info = Datasets.byName(d.name());
                yield MnistData.load(info, d.root(), d.download());
            }
        };
    }
}
