package mnistlab.repl;

import mnistlab.TestData;
import mnistlab.data.ImageSet;
import mnistlab.engine.Experiment;
import mnistlab.result.Evaluation;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way to ask for a prediction gives the same answer, for a spec that normalises its input,
 * one that also deskews it, one that also brings the ink to a width, and one that does none of it:
 * the Java API on the test set's pixels, the REPL's predict(i), the evaluation, and a picture of
 * the digit.
 */
class PredictionAgreementTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "normalize: {0}, deskew: {1}, normalizeWidth: {2}")
    @CsvSource({"true, false, 0", "false, false, 0", "true, true, 0", "true, true, 14"})
    void everyInterfaceGivesTheSamePrediction(boolean normalize, boolean deskew, int width) throws IOException {
        String text = Files.readString(TestData.projectDir().resolve("examples/mnist_mlp.groovy"))
                .replace("dataset mnist {", "dataset mnist {\n    limit 2000\n    testLimit 1000\n    root '"
                        + TestData.mnistRoot().toAbsolutePath() + "'");
        if (!normalize) {
            text = text.replace("normalize mean: 0.1307, std: 0.3081", "");
        }
        if (deskew) {
            text = text.replace("dataset mnist {", "dataset mnist {\n    deskew true");
        }
        text = text.replace("dataset mnist {", "dataset mnist {\n    normalizeWidth " + width);
        Path script = Files.writeString(tmp.resolve("mlp.groovy"), text);
        try (ReplSession session = new ReplSession()) {
            session.outputDir(tmp.resolve("out"));
            session.load(script);
            assertEquals(normalize, session.spec().dataset().normalized());
            assertEquals(deskew, session.spec().dataset().deskew());
            assertEquals(width, session.spec().dataset().normalizedWidth());
            session.train(1, TrainingListener.NONE);
            Experiment exp = session.experiment();
            ImageSet test = exp.testSet();
            Evaluation evaluation = session.evaluate();
            for (int i = 0; i < test.size(); i++) {
                float[] pixels = test.image(i);
                for (float p : pixels) {
                    assertTrue(p >= 0 && p <= 1, "image " + i + " holds " + p + ", not a pixel in [0,1]");
                }
                Prediction api = exp.predict(pixels);
                Prediction repl = session.predict(i);
                Prediction picture = exp.predict(render(pixels, test.rows(), test.cols()));
                String at = "image " + i;
                assertEquals(evaluation.predictions()[i], api.label(), at);
                assertEquals(evaluation.confidences()[i], api.confidence(), TOLERANCE, at);
                assertEquals(api.label(), repl.label(), at);
                assertArrayEquals(api.probabilities(), repl.probabilities(), TOLERANCE, at);
                assertEquals(api.label(), picture.label(), at);
                assertArrayEquals(api.probabilities(), picture.probabilities(), TOLERANCE, at);
            }
            // A model that answered one class everywhere would agree with itself trivially.
            assertTrue(Arrays.stream(evaluation.predictions()).distinct().count() >= 8, "too few classes predicted");
        }
    }

    /** The digit as an 8-bit grey picture, as a person would save it. */
    private static BufferedImage render(float[] pixels, int rows, int cols) {
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int grey = Math.round(pixels[r * cols + c] * 255);
                image.getRaster().setSample(c, r, 0, grey);
            }
        }
        return image;
    }
}
