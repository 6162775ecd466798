package mnistlab.cli;

import com.google.gson.JsonObject;
import mnistlab.DigitPhotos;
import mnistlab.TestData;
import mnistlab.data.ImageFiles;
import mnistlab.engine.Classifier;
import mnistlab.engine.Experiment;
import mnistlab.engine.SpecJson;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.Evaluation;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/mnist-predict on real pictures, broken ones and a run folder trained here (normalised, as mnist_mlp is). */
class PredictCommandTest {
    @TempDir
    static Path tmp;
    private static Path run;
    private static int[] evaluated;

    @BeforeAll
    static void trainARun() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder("predict").mnist(TestData.mnistRoot()).limits(3000, 100)
                .normalize(0.1307f, 0.3081f).flatten().linear(64).relu().linear(10)
                .train(t -> t.withEpochs(1).withDevice("cpu")).build();
        try (Experiment exp = Experiment.create(spec)) {
            run = exp.trainIntoRunFolder(tmp.resolve("runs"), 1, TrainingListener.NONE).runDir();
            Evaluation e = exp.evaluate();
            evaluated = e.predictions();
            Random noise = new Random(1);
            for (int i = 0; i < 3; i++) {
                ImageIO.write(mnistFormat(exp.testSet().image(i)), "png", tmp.resolve("mnist-" + i + ".png").toFile());
                ImageIO.write(DigitPhotos.photograph(exp.testSet().image(i), i, noise), "jpg", tmp.resolve("photo-" + i + ".jpg").toFile());
            }
        }
    }

    private static BufferedImage mnistFormat(float[] pixels) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            image.getRaster().setSample(i % 28, i / 28, 0, Math.round(pixels[i] * 255));
        }
        return image;
    }

    @AfterEach
    void backToEnglish() {
        Messages.use(Messages.ENGLISH); // --lang zh holds for the process
    }

    private static Invocation predict(String... args) {
        return Invocation.of(PredictCommand.commandLine(), args);
    }

    @Test
    void classifiesPicturesAsTheEngineDoes() throws IOException {
        Invocation r = predict(run.toString(), tmp.resolve("mnist-0.png").toString(), tmp.resolve("photo-1.jpg").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        // MNIST's own format is taken as it is: the same answer as the evaluation of that test image.
        assertTrue(lines.get(0).startsWith(tmp.resolve("mnist-0.png") + ": " + evaluated[0] + " ("), lines.get(0));
        assertTrue(lines.get(0).matches(".*: \\d \\(0\\.\\d{3}\\), then \\d \\(0\\.\\d{3}\\), \\d \\(0\\.\\d{3}\\)"), lines.get(0));
        try (Classifier classifier = Classifier.open(run)) {
            Prediction photo = classifier.predict(ImageFiles.read(tmp.resolve("photo-1.jpg")));
            assertTrue(lines.get(1).startsWith(tmp.resolve("photo-1.jpg") + ": " + photo.label() + " ("), lines.get(1));
        }
    }

    @Test
    void jsonCarriesTheTopClasses() {
        Invocation r = predict(run.toString(), tmp.resolve("photo-2.jpg").toString(), "--json", "--top", "4");
        assertEquals(0, r.exit(), r.err());
        JsonObject o = SpecJson.gson().fromJson(r.out().strip(), JsonObject.class);
        assertEquals(tmp.resolve("photo-2.jpg").toString(), o.get("file").getAsString());
        assertEquals(4, o.getAsJsonArray("top").size());
        assertEquals(o.get("label").getAsInt(), o.getAsJsonArray("top").get(0).getAsJsonArray().get(0).getAsInt());
        assertEquals(o.get("probability").getAsFloat(), o.getAsJsonArray("top").get(0).getAsJsonArray().get(1).getAsFloat());
    }

    @Test
    void unreadableFilesAreNamedAndTheOthersStillClassified() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.png"), "not a picture");
        Path broken = Files.write(tmp.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Path missing = tmp.resolve("missing.png");
        Invocation r = predict(run.toString(), text.toString(), tmp.resolve("mnist-1.png").toString(), broken.toString(),
                missing.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.out().lines().count(), r.out());
        List<String> errors = r.err().lines().toList();
        assertEquals(List.of("mnist-predict: " + text + ": is not a picture this reads (PNG, JPEG, BMP or GIF)",
                "mnist-predict: " + missing + ": no such file"), List.of(errors.get(0), errors.get(2)));
        assertEquals("mnist-predict: " + broken + ": is a truncated PNG file: it ends before its picture does", errors.get(1));
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /**
     * ImageIO decodes what a cut-off PNG or JPEG holds, and a GIF without its trailer, without an
     * error; a GIF cut inside its pixels fails with "I/O error reading image!": the cut must be
     * named as such, and the whole GIF still read.
     */
    @Test
    void aCutOffPictureIsTruncatedNotADigit() throws IOException {
        byte[] png = Files.readAllBytes(tmp.resolve("mnist-0.png"));
        byte[] jpeg = Files.readAllBytes(tmp.resolve("photo-0.jpg"));
        Path whole = tmp.resolve("photo-0.gif");
        ImageIO.write(ImageIO.read(tmp.resolve("photo-0.jpg").toFile()), "gif", whole.toFile());
        byte[] gif = Files.readAllBytes(whole);
        List<Path> cut = List.of(
                Files.write(tmp.resolve("first-60.png"), Arrays.copyOf(png, 60)),
                Files.write(tmp.resolve("no-end.png"), Arrays.copyOf(png, png.length - 12)), // all but IEND
                Files.write(tmp.resolve("half.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2)),
                Files.write(tmp.resolve("no-eoi.jpg"), Arrays.copyOf(jpeg, jpeg.length - 2)),
                Files.write(tmp.resolve("half.gif"), Arrays.copyOf(gif, gif.length / 2)),
                Files.write(tmp.resolve("no-trailer.gif"), Arrays.copyOf(gif, gif.length - 1)));
        List<String> args = new ArrayList<>(List.of(run.toString()));
        cut.forEach(file -> args.add(file.toString()));
        Invocation r = predict(args.toArray(String[]::new));
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(List.of(
                "mnist-predict: " + cut.get(0) + ": is a truncated PNG file: it ends before its picture does",
                "mnist-predict: " + cut.get(1) + ": is a truncated PNG file: it ends before its picture does",
                "mnist-predict: " + cut.get(2) + ": is a truncated JPG file: it ends before its picture does",
                "mnist-predict: " + cut.get(3) + ": is a truncated JPG file: it ends before its picture does",
                "mnist-predict: " + cut.get(4) + ": is a truncated GIF file: it ends before its picture does",
                "mnist-predict: " + cut.get(5) + ": is a truncated GIF file: it ends before its picture does"),
                r.err().lines().toList());
        assertEquals(0, predict(run.toString(), whole.toString()).exit(), "the whole GIF is a digit");
    }

    /** Static and specks stand out from their ground but are not strokes: refused as noise, not guessed at. */
    @Test
    void staticAndSpecksAreNoDigit() throws IOException {
        Random noise = new Random(5);
        BufferedImage tv = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                int v = noise.nextInt(256);
                tv.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        Path staticPicture = tmp.resolve("static.png");
        ImageIO.write(tv, "png", staticPicture.toFile());
        BufferedImage dust = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            dust.getRaster().setSample(i % 28, i / 28, 0, noise.nextDouble() < 0.05 ? 255 : 0);
        }
        Path specks = tmp.resolve("specks.png");
        ImageIO.write(dust, "png", specks.toFile());
        Invocation r = predict(run.toString(), staticPicture.toString(), specks.toString(), tmp.resolve("mnist-2.png").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.out().lines().count(), "the digit is still classified: " + r.out());
        assertEquals(List.of("mnist-predict: " + staticPicture + ": no digit found: the picture's ink is only specks or static, no strokes",
                "mnist-predict: " + specks + ": no digit found: the picture's ink is only specks or static, no strokes"),
                r.err().lines().toList());
    }

    @Test
    void aPictureWithoutInkIsNoDigit() throws IOException {
        BufferedImage sheet = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        Path black = tmp.resolve("black.png");
        ImageIO.write(sheet, "png", black.toFile());
        Random noise = new Random(2);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                int v = 235 + noise.nextInt(20); // a white sheet with sensor noise, no stroke
                sheet.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        Path white = tmp.resolve("white.jpg");
        ImageIO.write(sheet, "jpg", white.toFile());
        Path mnistBlack = tmp.resolve("mnist-black.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", mnistBlack.toFile());
        Invocation r = predict(run.toString(), black.toString(), white.toString(), mnistBlack.toString(),
                tmp.resolve("mnist-2.png").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.out().lines().count(), "the digit is still classified: " + r.out());
        assertEquals(List.of("mnist-predict: " + black + ": no digit found: the picture has no ink",
                "mnist-predict: " + white + ": no digit found: the picture has no ink",
                "mnist-predict: " + mnistBlack + ": no digit found: the picture has no ink"), r.err().lines().toList());
        assertEquals("mnist-predict：" + black + "：没有找到数字：图片上没有笔迹",
                predict("--lang", "zh", run.toString(), black.toString()).err().strip());
    }

    @Test
    void aPictureThatClaimsToBeHugeIsRefusedBeforeDecoding() throws IOException {
        // A valid 1x1 PNG whose header then claims 100000 x 100000 pixels (CRC left as is: the size is read first).
        Path tiny = tmp.resolve("tiny.png");
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", tiny.toFile());
        byte[] bytes = Files.readAllBytes(tiny);
        for (int i : new int[] {16, 20}) {
            bytes[i] = 0;
            bytes[i + 1] = 1;
            bytes[i + 2] = (byte) 0x86;
            bytes[i + 3] = (byte) 0xA0;
        }
        Path bomb = Files.write(tmp.resolve("bomb.png"), bytes);
        Invocation r = predict(run.toString(), bomb.toString());
        assertEquals(2, r.exit());
        assertEquals("mnist-predict: " + bomb + ": is 100000x100000 pixels; at most 40 megapixels", r.err().strip());
    }

    /** A copy of the run folder whose parameter file holds {@code bytes}. */
    private static Path runWithParameters(String name, byte[] bytes) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve(name));
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.write(copy.resolve(f.getFileName()), f.toString().endsWith(".params") ? bytes : Files.readAllBytes(f));
            }
        }
        return copy;
    }

    @Test
    void aParameterFileThatIsNotOneIsNamed() throws IOException {
        ExperimentSpec other = ExperimentSpec.builder("predict").mnist(TestData.mnistRoot()).limits(100, 100)
                .flatten().linear(10).train(t -> t.withEpochs(1).withDevice("cpu")).build();
        byte[] otherNetwork;
        try (Experiment exp = Experiment.create(other)) {
            Path otherRun = exp.trainIntoRunFolder(tmp.resolve("other-runs"), 1, TrainingListener.NONE).runDir();
            otherNetwork = Files.readAllBytes(otherRun.resolve("predict-0001.params"));
        }
        Random random = new Random(3);
        byte[] noise = new byte[5000];
        random.nextBytes(noise);
        for (byte[] bytes : List.of(noise, "garbage".getBytes(), new byte[0], otherNetwork)) {
            Path folder = runWithParameters("params-" + bytes.length, bytes);
            Invocation r = predict(folder.toString(), tmp.resolve("mnist-0.png").toString());
            assertEquals(new Invocation(1, "", "mnist-predict: " + folder.resolve("predict-0001.params")
                    + ": is not a parameter file of this model (damaged, cut off, or from another network)"), r);
        }
        assertEquals("mnist-predict：" + tmp.resolve("params-0/predict-0001.params")
                + "：不是这个模型的参数文件（已损坏、不完整，或来自另一个网络）",
                predict("--lang", "zh", tmp.resolve("params-0").toString(), tmp.resolve("mnist-0.png").toString()).err().strip());
    }

    /** checkpoint.json names its parameter file; a run folder from elsewhere may name one outside it. */
    @Test
    void theCheckpointsFileNameIsNotFollowed() throws IOException {
        Path folder = runWithParameters("named-outside", Files.readAllBytes(run.resolve("predict-0001.params")));
        Files.write(tmp.resolve("outside.params"), "garbage".getBytes());
        Path checkpoint = folder.resolve("checkpoint.json");
        Files.writeString(checkpoint, Files.readString(checkpoint).replace("predict-0001.params", "../outside.params"));
        assertTrue(Files.readString(checkpoint).contains("../outside.params"), Files.readString(checkpoint));
        Invocation r = predict(folder.toString(), tmp.resolve("mnist-0.png").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(tmp.resolve("mnist-0.png") + ": " + evaluated[0] + " ("), r.out());
    }

    @Test
    void aBadRunFolderIsExitOne() {
        Invocation r = predict(tmp.resolve("nowhere").toString(), tmp.resolve("mnist-0.png").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("mnist-predict: " + tmp.resolve("nowhere")), r.err());
        assertEquals(2, predict(run.toString(), tmp.resolve("mnist-0.png").toString(), "--top", "0").exit());
    }
}
