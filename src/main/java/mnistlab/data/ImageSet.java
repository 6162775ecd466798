package mnistlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A labelled image set in host memory: pixels as float32 in [0,1] (what torchvision's
 * {@code ToTensor} gives) laid out [N,1,rows,cols], labels as ints. Immutable: subsetting,
 * shuffling and normalising return new sets.
 */
public final class ImageSet {
    private final float[] pixels;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final List<String> classNames;

    private ImageSet(float[] pixels, int[] labels, int rows, int cols, List<String> classNames) {
        this.pixels = pixels;
        this.labels = labels;
        this.rows = rows;
        this.cols = cols;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Builds a set from an MNIST image file and label file, checking that their counts agree.
     * @param images the IDX images, unsigned bytes
     * @param imageFile where they came from, for messages
     * @param labels the IDX labels
     * @param labelFile where they came from
     * @param classNames one per label
     * @return the set, pixels scaled to [0,1]
     * @throws IOException when the counts differ or the heap has no room
     */
    public static ImageSet fromIdx(IdxArray images, Path imageFile, IdxArray labels, Path labelFile,
                                   List<String> classNames) throws IOException {
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labelFile, 4, Messages.get("idx.countsDiffer", labels.count(), imageFile, images.count()));
        }
        int[] dims = images.dims();
        byte[] bytes = images.bodyView();
        requireHeap(imageFile, (long) bytes.length * Float.BYTES, images.count() + " images");
        float[] pixels = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            pixels[i] = (bytes[i] & 0xff) / 255f;
        }
        byte[] labelBytes = labels.bodyView();
        int[] ints = new int[labelBytes.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = labelBytes[i] & 0xff;
        }
        return new ImageSet(pixels, ints, dims[1], dims[2], classNames);
    }

    /** Refuses, in one line naming the source, pixels that the Java heap has no room for as floats. */
    static void requireHeap(Path source, long bytes, String what) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bytes > free) {
            throw new IOException(Messages.get("data.heap", source, what, bytes >> 20, free >> 20));
        }
    }

    /**
     * A set from pixels already in [N*rows*cols] order; arrays are copied.
     * @param pixels size x rows x cols values in [0,1]
     * @param labels one per image
     * @param rows image height
     * @param cols image width
     * @param classNames one per label
     * @return the set
     */
    public static ImageSet of(float[] pixels, int[] labels, int rows, int cols, List<String> classNames) {
        if (pixels.length != (long) labels.length * rows * cols) {
            throw new IllegalArgumentException(labels.length + " labels of " + rows + "x" + cols
                    + " images need " + (long) labels.length * rows * cols + " pixels, got " + pixels.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0-" + (classNames.size() - 1));
            }
        }
        return new ImageSet(pixels.clone(), labels.clone(), rows, cols, classNames);
    }

    /** @return how many images */
    public int size() {
        return labels.length;
    }

    /** @return image height */
    public int rows() {
        return rows;
    }

    /** @return image width */
    public int cols() {
        return cols;
    }

    /** @return one name per label */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param index the image, from 0
     * @return its class
     */
    public int label(int index) {
        return labels[index];
    }

    /** @return every image's class, in order */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * One image's pixels, row by row.
     * @param index the image, from 0
     * @return its rows x cols pixels
     */
    public float[] image(int index) {
        int n = rows * cols;
        float[] out = new float[n];
        System.arraycopy(pixels, index * n, out, 0, n);
        return out;
    }

    /**
     * How many items each class has.
     * @return how many images each class has
     */
    public int[] histogram() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The first {@code count} items (all of them when count is larger).
     * @param count images to keep, 0 for all
     * @return the first ones
     */
    public ImageSet limit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + count);
        }
        return count >= size() ? this : slice(0, count);
    }

    /**
     * Items {@code from} (inclusive) to {@code to} (exclusive).
     * @param from the first image, included
     * @param to the last, excluded
     * @return those images
     */
    public ImageSet slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("no items " + from + " to " + to + " in a set of " + size());
        }
        if (from == 0 && to == size()) {
            return this;
        }
        int n = rows * cols;
        float[] p = new float[(to - from) * n];
        System.arraycopy(pixels, from * n, p, 0, p.length);
        int[] l = new int[to - from];
        System.arraycopy(labels, from, l, 0, l.length);
        return new ImageSet(p, l, rows, cols, classNames);
    }

    /**
     * The same items in an order fixed by the seed (Fisher-Yates over {@link Random}).
     * @param seed fixes the order
     * @return the images in a random order
     */
    public ImageSet shuffled(long seed) {
        int[] order = permutation(size(), seed);
        int n = rows * cols;
        float[] p = new float[pixels.length];
        int[] l = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(pixels, order[i] * n, p, i * n, n);
            l[i] = labels[order[i]];
        }
        return new ImageSet(p, l, rows, cols, classNames);
    }

    /**
     * A permutation of 0..size-1 fixed by the seed.
     * @param size how many indices
     * @param seed fixes the order
     * @return 0 to size - 1 shuffled
     */
    public static int[] permutation(int size, long seed) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The images as one [N,1,rows,cols] float32 array on the manager's device.
     * @param manager owns the array
     * @return the images as [N, 1, rows, cols]
     */
    public NDArray imagesArray(NDManager manager) {
        return manager.create(pixels, new Shape(size(), 1, rows, cols));
    }

    /**
     * The labels as one [N] int64 array on the manager's device (what softmax cross-entropy takes).
     * @param manager owns the array
     * @return the labels as [N]
     */
    public NDArray labelsArray(NDManager manager) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return manager.create(l);
    }

    /**
     * A DJL dataset over this set whose arrays live on the manager's device, so batches are
     * gathered there rather than copied from the host each step.
     * @param manager owns the arrays
     * @param batchSize images per batch
     * @param shuffle whether batches are drawn in a random order
     * @return the DJL data set
     */
    public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
        return new ArrayDataset.Builder()
                .setData(imagesArray(manager))
                .optLabels(labelsArray(manager))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
