package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the data layer: fetch a dataset through the chain (or only check the files
 * on disk) and read its train and test splits into memory.
 */
public final class MnistData {

    private MnistData() {
    }

    /** The train and test splits of a dataset, and where their files came from. */
    public record Splits(ImageSet train, ImageSet test, FetchResult fetch) {
    }

    /**
     * Makes sure the dataset's files are in {@code root} (fetching them through the chain when
     * {@code download} is set, else only checking the files on disk) and reads both splits.
     * @param info the data set
     * @param root the data root folder
     * @param download whether missing files may be fetched
     * @return the training and test images
     * @throws IOException naming the file and what is wrong
     */
    public static Splits load(DatasetInfo info, Path root, boolean download) throws IOException {
        return read(DataFetcher.builder(info, root).localOnly(!download).build().fetch());
    }

    /**
     * Reads verified files into memory.
     * @param files where the fetch put each file
     * @return the training and test images
     * @throws IOException naming the file and what is wrong
     */
    public static Splits read(FetchResult files) throws IOException {
        DatasetInfo info = files.info();
        return new Splits(
                readSplit(files, info.trainImages(), info.trainLabels()),
                readSplit(files, info.testImages(), info.testLabels()),
                files);
    }

    /**
     * Checks the dataset's files in {@code ROOT/<dataset>/} without fetching anything: returns one
     * line naming the file for each that is missing or fails its MD5; empty when all are good.
     * @param info the data set
     * @param root the data root folder
     * @return one line per missing, corrupt or altered file; empty when all are fine
     * @throws IOException when a folder cannot be listed
     */
    public static List<String> verify(DatasetInfo info, Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        for (DataFile file : info.files()) {
            Path path = root.resolve(info.name()).resolve(file.name());
            String notAFile = notARegularFile(path);
            if (notAFile != null) {
                problems.add(path + ": " + notAFile);
                continue;
            }
            try {
                String md5 = DataFetcher.md5Of(path);
                if (!md5.equals(file.rawMd5())) {
                    problems.add(Messages.get("data.md5", path, md5, file.rawMd5()));
                }
            } catch (IOException e) {
                problems.add(Messages.get("data.unreadable", path, e.getMessage()));
            }
        }
        return problems;
    }

    /** What stands where a data file should, when it is not a regular file; null when it is one. */
    private static String notARegularFile(Path path) {
        if (Files.isRegularFile(path)) {
            return null;
        }
        if (Files.isSymbolicLink(path)) {
            try {
                path.toRealPath();
                return "a symbolic link to something that is not a regular file";
            } catch (FileSystemException e) {
                return e.getMessage() != null && e.getMessage().contains("Too many levels")
                        ? "a symbolic link loop" : "a broken symbolic link";
            } catch (IOException e) {
                return "a broken symbolic link";
            }
        }
        if (Files.isDirectory(path)) {
            return "a directory, not a file";
        }
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "not a regular file (a FIFO, socket or device)" : "missing";
    }

    private static ImageSet readSplit(FetchResult files, DataFile images, DataFile labels) throws IOException {
        Path imageFile = files.path(images);
        Path labelFile = files.path(labels);
        return ImageSet.fromIdx(IdxFiles.readImages(imageFile), imageFile,
                IdxFiles.readLabels(labelFile, files.info().classCount()), labelFile, files.info().classNames());
    }
}
