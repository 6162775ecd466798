package mnistlab.engine;

import mnistlab.TestData;
import mnistlab.data.Datasets;
import mnistlab.data.IdxArray;
import mnistlab.data.IdxFiles;
import mnistlab.data.IdxType;
import mnistlab.data.ImageSet;
import mnistlab.data.MnistData;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data sets of one's own: four IDX files (as KMNIST or EMNIST ship) and a folder of pictures per class. */
class OwnDataTest {
    private static final List<String> KANA = List.of("お", "き", "す", "つ", "な", "は", "ま", "や", "れ", "を");

    @TempDir
    static Path dir;
    private static ImageSet mnistTrain;
    private static ImageSet mnistTest;

    @BeforeAll
    static void readMnist() throws IOException {
        MnistData.Splits splits = MnistData.load(Datasets.MNIST, TestData.mnistRoot(), false);
        mnistTrain = splits.train().limit(3000);
        mnistTest = splits.test().limit(500);
    }

    private static ExperimentSpec mlp(DatasetSpec data) {
        LayerSpec relu = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
        TrainSpec train = TrainSpec.seedDefaults().withEpochs(2).withBatchSize(50)
                .withOptimizer(OptimizerSpec.adam(2e-3f)).withDevice("cpu").withSeed(3).withRecordEvery(20);
        return new ExperimentSpec("own", data, List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(64), relu,
                new LayerSpec.Linear(data.classes().isEmpty() ? 10 : data.classes().size())), train, List.of());
    }

    /** Writes a set as IDX: unsigned bytes, images [n, rows, cols] and labels [n]; gzip for the .gz names. */
    private static void writeIdx(ImageSet set, Path images, Path labels) throws IOException {
        int n = set.size();
        byte[] pixels = new byte[n * set.rows() * set.cols()];
        byte[] classes = new byte[n];
        for (int i = 0; i < n; i++) {
            float[] image = set.image(i);
            for (int p = 0; p < image.length; p++) {
                pixels[i * image.length + p] = (byte) Math.round(image[p] * 255);
            }
            classes[i] = (byte) set.label(i);
        }
        IdxFiles.write(images, new IdxArray(IdxType.UBYTE, new int[] {n, set.rows(), set.cols()}, pixels),
                images.toString().endsWith(".gz"));
        IdxFiles.write(labels, new IdxArray(IdxType.UBYTE, new int[] {n}, classes), labels.toString().endsWith(".gz"));
    }

    private static DatasetSpec idx(Path folder) throws IOException {
        Files.createDirectories(folder);
        writeIdx(mnistTrain, folder.resolve("train-images-idx3-ubyte.gz"), folder.resolve("train-labels-idx1-ubyte.gz"));
        writeIdx(mnistTest, folder.resolve("t10k-images-idx3-ubyte"), folder.resolve("t10k-labels-idx1-ubyte"));
        return DatasetSpec.of("idx", Path.of("data"))
                .withIdxFile("trainImages", folder.resolve("train-images-idx3-ubyte.gz"))
                .withIdxFile("trainLabels", folder.resolve("train-labels-idx1-ubyte.gz"))
                .withIdxFile("testImages", folder.resolve("t10k-images-idx3-ubyte"))
                .withIdxFile("testLabels", folder.resolve("t10k-labels-idx1-ubyte"));
    }

    @Test
    void idxFilesTrainWithTheirOwnClassNamesWhichTheRunFolderKeeps() throws Exception {
        DatasetSpec data = idx(dir.resolve("kana")).withClasses(KANA);
        TrainingResult result;
        try (Experiment exp = Experiment.create(mlp(data))) {
            result = exp.trainIntoRunFolder(dir.resolve("runs"), 2);
            assertEquals(3000, exp.trainSet().size());
            assertEquals(KANA, exp.testSet().classNames());
        }
        assertTrue(result.test().accuracy() > 0.8f, "accuracy " + result.test().accuracy());
        try (Classifier classifier = Classifier.open(result.runDir())) {
            Prediction p = classifier.predict(mnistTest.image(0));
            assertEquals(KANA, p.classNames());
            assertEquals(KANA, classifier.spec().dataset().classes());
        }
    }

    @Test
    void idxFilesWithoutClassNamesAreNumberedUpToTheLargestLabel() throws Exception {
        DatasetSpec data = idx(dir.resolve("numbered"));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                ExperimentData.withClassNames(data).classes());
        ExperimentSpec nine = new ExperimentSpec("own", data, List.of(new LayerSpec.Flatten(), new LayerSpec.Linear(9)),
                mlp(data).train(), List.of());
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Experiment.summarize(nine));
        assertTrue(e.getMessage().contains("the model must end in 10 logits per image"), e.getMessage());
    }

    @Test
    void labelsOutsideTheClassListNameTheFileAndItem() throws Exception {
        DatasetSpec data = idx(dir.resolve("two")).withClasses(List.of("a", "b"));
        IOException e = assertThrows(IOException.class, () -> Experiment.create(mlp(data)).close());
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz: label ") && e.getMessage().contains("outside 0-1"),
                e.getMessage());
    }

    @Test
    void imagesOfAnotherSizeAndCountsThatDifferAreOneLineEach() throws Exception {
        DatasetSpec data = idx(dir.resolve("odd"));
        Path images = data.idx().testImages();
        IdxFiles.write(images, new IdxArray(IdxType.UBYTE, new int[] {5, 32, 32}, new byte[5 * 32 * 32]), false);
        IOException size = assertThrows(IOException.class, () -> Experiment.create(mlp(data)).close());
        assertEquals(images + ": images of 32x32 pixels; the networks here take 28x28 (at byte offset 8)", size.getMessage());

        IdxFiles.write(images, new IdxArray(IdxType.UBYTE, new int[] {5, 28, 28}, new byte[5 * 28 * 28]), false);
        IOException count = assertThrows(IOException.class, () -> Experiment.create(mlp(data)).close());
        assertTrue(count.getMessage().startsWith(data.idx().testLabels() + ": holds 500 labels but " + images + " holds 5 images"),
                count.getMessage());
    }

    @Test
    void anIdxDatasetNamesAllFourFiles() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.of("idx", Path.of("data"))
                .withIdxFile("trainImages", Path.of("a")).complete());
        assertEquals("dataset idx needs trainImages, trainLabels, testImages and testLabels", e.getMessage());
    }

    /** Saves a set's images as large dark-on-light PNGs, as people photograph digits, in a folder per class. */
    private static void writeFolder(ImageSet set, Path root, List<String> names, int perClass) throws IOException {
        int[] written = new int[10];
        for (int i = 0; i < set.size(); i++) {
            int label = set.label(i);
            if (label >= names.size() || written[label] == perClass) {
                continue;
            }
            Path folder = Files.createDirectories(root.resolve(names.get(label)));
            BufferedImage picture = new BufferedImage(84, 84, BufferedImage.TYPE_BYTE_GRAY);
            float[] image = set.image(i);
            for (int y = 0; y < 84; y++) {
                for (int x = 0; x < 84; x++) {
                    int ink = Math.round(image[(y / 3) * 28 + x / 3] * 255);
                    picture.getRaster().setSample(x, y, 0, 255 - ink);
                }
            }
            ImageIO.write(picture, "png", folder.resolve(String.format("%04d.png", i)).toFile());
            written[label]++;
        }
    }

    @Test
    void aFolderOfPicturesPerClassTrainsThroughTheMnistStylePreparation() throws Exception {
        List<String> names = List.of("one", "three", "zero");
        List<String> byLabel = List.of("zero", "one", "two", "three");
        Path train = dir.resolve("pictures/train");
        Path test = dir.resolve("pictures/test");
        writeFolder(mnistTrain, train, byLabel, 150);
        writeFolder(mnistTest, test, byLabel, 30);
        deleteRecursively(train.resolve("two"));
        deleteRecursively(test.resolve("two"));
        Files.writeString(train.resolve("one/notes.txt"), "not a picture: left out, as ImageFolder does");
        DatasetSpec data = DatasetSpec.of("folder", train).withTestRoot(test);
        try (Experiment exp = Experiment.create(mlp(data.withClasses(names)))) {
            TrainingResult result = exp.train(2);
            assertEquals(names, exp.trainSet().classNames());
            assertEquals(450, exp.trainSet().size());
            assertEquals(90, result.test().count());
            assertTrue(result.test().accuracy() > 0.8f, "accuracy " + result.test().accuracy());
        }
        assertEquals(names, ExperimentData.withClassNames(data).classes());

        Files.createDirectories(test.resolve("seven"));
        IOException unknown = assertThrows(IOException.class, () -> Experiment.create(mlp(data.withClasses(names))).close());
        assertEquals(test.resolve("seven") + ": a class the training folder does not have (its classes: one, three, zero)",
                unknown.getMessage());
        deleteRecursively(test.resolve("seven"));

        Files.write(test.resolve("zero/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        IOException broken = assertThrows(IOException.class, () -> Experiment.create(mlp(data.withClasses(names))).close());
        assertTrue(broken.getMessage().startsWith(test.resolve("zero/broken.png") + ": "), broken.getMessage());
        Files.delete(test.resolve("zero/broken.png"));

        Files.createFile(test.resolve("one/empty.png"));
        IOException empty = assertThrows(IOException.class, () -> Experiment.create(mlp(data.withClasses(names))).close());
        assertTrue(empty.getMessage().startsWith(test.resolve("one/empty.png") + ": "), empty.getMessage());
        Files.delete(test.resolve("one/empty.png"));

        // A link inside a class folder to pictures elsewhere is not followed: the data stays below the roots.
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        try (Stream<Path> ones = Files.list(train.resolve("one"))) {
            Files.copy(ones.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow(), elsewhere.resolve("stray.png"));
        }
        Files.createSymbolicLink(train.resolve("one/linked"), elsewhere);
        try (Experiment exp = Experiment.create(mlp(data.withClasses(names)))) {
            assertEquals(450, exp.trainSet().size());
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
