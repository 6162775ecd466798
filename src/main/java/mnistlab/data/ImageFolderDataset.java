package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A folder of pictures with one sub-folder per class, as torchvision's {@code ImageFolder} reads
 * it: classes in the sorted order of their folders' names, pictures found at any depth below
 * them. Each picture goes through the same MNIST-style preparation as {@code bin/mnist-predict}.
 */
public final class ImageFolderDataset {
    private static final Set<String> PICTURES = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private ImageFolderDataset() {
    }

    /**
     * The class names: the names of {@code root}'s sub-folders, sorted.
     * @param root the training folder
     * @return its sub-folders' names, sorted
     * @throws IOException when it is not a folder
     */
    public static List<String> classNames(Path root) throws IOException {
        List<String> names;
        try (Stream<Path> entries = Files.list(folder(root))) {
            names = entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
        if (names.isEmpty()) {
            throw new IOException(root + ": no sub-folders; a folder data set has one folder of pictures per class");
        }
        return names;
    }

    /**
     * Every picture below {@code root}'s class folders as rows x cols pixels in [0,1]; a folder whose
     * name is not among {@code classes} is an error (a test set with a class training never saw).
     * @param root a folder with one sub-folder per class
     * @param classes the classes, in label order
     * @param rows the height pictures are prepared to
     * @param cols the width
     * @return the set
     * @throws IOException naming a picture that cannot be read or a class the training set lacks
     */
    public static ImageSet read(Path root, List<String> classes, int rows, int cols) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String name : classNames(root)) {
            int label = classes.indexOf(name);
            if (label < 0) {
                throw new IOException(Messages.get("folder.unknownClass", root.resolve(name), String.join(", ", classes)));
            }
            for (Path file : pictures(root.resolve(name))) {
                files.add(file);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw new IOException(Messages.get("folder.noPictures", root));
        }
        int pixels = rows * cols;
        ImageSet.requireHeap(root, (long) files.size() * pixels * Float.BYTES, files.size() + " pictures");
        float[] all = new float[files.size() * pixels];
        try {
            IntStream.range(0, files.size()).parallel().forEach(i -> {
                Path file = files.get(i);
                try {
                    float[] digit = DigitImages.toMnist(ImageFiles.read(file), rows, cols);
                    System.arraycopy(digit, 0, all, i * pixels, pixels);
                } catch (IOException e) {
                    throw new UncheckedIOException(new IOException(file + ": " + e.getMessage(), e));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return ImageSet.of(all, labels.stream().mapToInt(Integer::intValue).toArray(), rows, cols, classes);
    }

    private static Path folder(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(Messages.get(Files.exists(root) ? "folder.notAFolder" : "folder.noSuchFolder", root));
        }
        return root;
    }

    /** The pictures below one class folder, by name; hidden files and other files are left out. */
    private static List<Path> pictures(Path classFolder) throws IOException {
        try (Stream<Path> walk = Files.walk(classFolder)) {
            return walk.filter(Files::isRegularFile).filter(ImageFolderDataset::isPicture).sorted().toList();
        }
    }

    private static boolean isPicture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && PICTURES.contains(name.substring(dot + 1));
    }
}
