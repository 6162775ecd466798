package mnistlab.cli;

import com.google.gson.JsonObject;
import mnistlab.DigitPhotos;
import mnistlab.TestData;
import mnistlab.data.ImageFiles;
import mnistlab.engine.Classifier;
import mnistlab.engine.Evaluation;
import mnistlab.engine.Experiment;
import mnistlab.engine.Prediction;
import mnistlab.engine.SpecJson;
import mnistlab.engine.TrainingListener;
import mnistlab.engine.spec.ExperimentSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

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
        assertTrue(errors.get(1).startsWith("mnist-predict: " + broken + ": is a broken PNG file ("), errors.get(1));
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
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

    @Test
    void aBadRunFolderIsExitOne() {
        Invocation r = predict(tmp.resolve("nowhere").toString(), tmp.resolve("mnist-0.png").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("mnist-predict: " + tmp.resolve("nowhere")), r.err());
        assertEquals(2, predict(run.toString(), tmp.resolve("mnist-0.png").toString(), "--top", "0").exit());
    }
}
