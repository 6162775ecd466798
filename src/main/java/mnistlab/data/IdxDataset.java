package mnistlab.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Any data set stored as MNIST is (KMNIST, EMNIST, your own): four IDX files named by the user.
 * With no MD5 to lean on, the reader's structural checks are the only guard: each problem is one
 * line naming the file, the byte offset and what was expected, found before anything of the size
 * a header claims is allocated.
 */
public final class IdxDataset {
    /** Label files hold bytes, so without a class list the labels can name at most this many classes. */
    private static final int BYTE_LABELS = 256;

    private IdxDataset() {
    }

    /**
     * The class names: {@code given} when there are any, else '0', '1', … up to the largest label
     * in the training labels.
     * @param trainLabels the training label file
     * @param given names the script gave, or empty
     * @return one name per label
     * @throws IOException naming the file and what is wrong
     */
    public static List<String> classNames(Path trainLabels, List<String> given) throws IOException {
        if (!given.isEmpty()) {
            return given;
        }
        byte[] labels = IdxFiles.readLabels(trainLabels, BYTE_LABELS).bodyView();
        int largest = 0;
        for (byte label : labels) {
            largest = Math.max(largest, label & 0xff);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= largest; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /**
     * One split: the images (rows x cols each) and their labels, each below {@code classes.size()}.
     * @param images the IDX image file
     * @param labels the IDX label file
     * @param classes one name per label
     * @param rows the image height it must have
     * @param cols the image width it must have
     * @return the set
     * @throws IOException naming the file and what is wrong
     */
    public static ImageSet read(Path images, Path labels, List<String> classes, int rows, int cols) throws IOException {
        IdxArray imageArray = IdxFiles.readImages(images);
        int[] dims = imageArray.dims();
        if (dims[1] != rows || dims[2] != cols) {
            throw new IdxFormatException(images, 8, "images of " + dims[1] + "x" + dims[2]
                    + " pixels; the networks here take " + rows + "x" + cols);
        }
        IdxArray labelArray = IdxFiles.readLabels(labels, classes.size());
        return ImageSet.fromIdx(imageArray, images, labelArray, labels, classes);
    }
}
