package mnistlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import mnistlab.TestData;
import mnistlab.dsl.ScriptLoader;
import mnistlab.engine.Classifier;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.Evaluation;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Both directions with a real PyTorch 2.13 (bin/mnist-setup installs it): the seed's network
 * trained and saved by PyTorch comes in through bin/mnist-import with PyTorch's own test accuracy
 * and probabilities; a run trained here goes out through bin/mnist-export and the seed's test
 * loop (torch.load weights_only, strict load_state_dict), safetensors and ONNX Runtime give its
 * accuracy, probabilities and logits. python/seed_pytorch.py is the PyTorch side.
 */
class PyTorchRoundTripTest {
    private static final int COMPARED = 1000;

    @TempDir
    static Path tmp;
    private static Path data;
    private static Path python;
    private static List<float[]> testImages;

    @BeforeAll
    static void findPyTorch() throws IOException {
        String venv = System.getenv().getOrDefault("MNISTLAB_PEER_VENV",
                Path.of(System.getProperty("user.home"), ".cache/mnist-lab/pytorch-2.13").toString());
        python = Path.of(venv, "bin/python");
        if (!Files.isExecutable(python)) {
            fail("no PyTorch side at " + venv + ": bin/mnist-setup installs it");
        }
        data = TestData.mnistRoot();
        testImages = new ArrayList<>();
        try (Experiment exp = Experiment.create(seedSpec(100))) {
            for (int i = 0; i < COMPARED; i++) {
                testImages.add(exp.testSet().image(i));
            }
        }
    }

    private static ExperimentSpec seedSpec(int trainImages) {
        return ScriptLoader.load(TestData.projectDir().resolve("examples/mnist_cnn.groovy"),
                List.of("dataset.root=" + data, "dataset.limit=" + trainImages, "train.epochs=1"), false).spec();
    }

    /** Runs python/seed_pytorch.py; its `name: value` lines. */
    private static Map<String, String> seed(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(),
                TestData.projectDir().resolve("python/seed_pytorch.py").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", data.resolve("mnist").toString()));
        Path log = tmp.resolve("python.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] pair = line.split(": ", 2);
            if (pair.length == 2) {
                values.put(pair[0], pair[1]);
            }
        }
        return values;
    }

    /** A bin/ launcher as a user runs it: exit code, stdout and stderr (libtorch writes there directly). */
    private static Invocation launch(String launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TestData.projectDir().resolve(launcher).toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("launcher.out");
        Path err = tmp.resolve("launcher.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(launcher + " did not finish");
        }
        return new Invocation(p.exitValue(), Files.readString(out).strip(), Files.readString(err).strip());
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** The run's probabilities on the first test images agree with PyTorch's to 1e-5. */
    private static void assertSameProbabilities(Path runDir, Path pytorchProbabilities) throws IOException {
        float[] theirs = floats(pytorchProbabilities);
        assertEquals(COMPARED * 10, theirs.length);
        double worst = 0;
        try (Classifier classifier = Classifier.open(runDir)) {
            List<Prediction> ours = classifier.predictAll(testImages);
            for (int i = 0; i < COMPARED; i++) {
                for (int c = 0; c < 10; c++) {
                    worst = Math.max(worst, Math.abs(ours.get(i).probabilities()[c] - theirs[i * 10 + c]));
                }
            }
        }
        assertTrue(worst <= 1e-5, "probabilities differ by up to " + worst);
    }

    /** The run's logits on the first test images agree with PyTorch's to 1e-5 (mnist_cnn.groovy has no normalisation). */
    private static void assertSameLogits(Path runDir, Path pytorchLogits) throws IOException {
        float[] theirs = floats(pytorchLogits);
        assertEquals(COMPARED * 10, theirs.length);
        float[] pixels = new float[COMPARED * 784];
        for (int i = 0; i < COMPARED; i++) {
            System.arraycopy(testImages.get(i), 0, pixels, i * 784, 784);
        }
        float[] ours;
        try (Classifier classifier = Classifier.open(runDir); NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(pixels, new Shape(COMPARED, 1, 28, 28));
            ours = classifier.model().getBlock().forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
        }
        assertTrue(worst <= 1e-5, "logits differ by up to " + worst);
    }

    private static String percent(Evaluation e) {
        return String.format(Locale.ROOT, "%.4f", 100.0 * e.correct() / e.count());
    }

    @Test
    void theSeedsModelparaComesInWithPyTorchsAccuracy() throws Exception {
        Path pth = tmp.resolve("modelpara.pth");
        seed("train", "--out", pth.toString(), "--images", "3000");
        Map<String, String> pytorch = seed("test", "--params", pth.toString(), "--probabilities",
                tmp.resolve("pytorch.bin").toString(), "--logits", tmp.resolve("pytorch-logits.bin").toString(),
                "--count", Integer.toString(COMPARED));
        assertEquals("10000", pytorch.get("images"));

        Invocation r = launch("bin/mnist-import", pth.toString(), "--script",
                TestData.projectDir().resolve("examples/mnist_cnn.groovy").toString(), "--root", data.toString(),
                "--out", tmp.resolve("runs").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "nothing on stderr: libtorch's warnings included");
        assertTrue(r.out().matches("(?s).*\n  conv1\\.weight \\[32, 1, 5, 5] +→ 0 conv2d weight\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  fc2\\.bias \\[10] +→ 9 linear bias\n.*"), r.out());
        String accuracy = String.format(Locale.ROOT, "Test accuracy: %.2f %%", Double.parseDouble(pytorch.get("accuracy")));
        assertTrue(r.out().contains(accuracy), r.out());
        Path run = Path.of(r.out().lines().filter(l -> l.startsWith("Run folder: ")).findFirst().orElseThrow()
                .substring("Run folder: ".length()));

        Invocation eval = Invocation.of(RunCommand.commandLine(), "--eval", run.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains(accuracy), eval.out());
        try (Experiment exp = Experiment.open(run)) {
            assertEquals(pytorch.get("accuracy"), percent(exp.evaluate()), "the same images right, exactly");
        }
        assertSameProbabilities(run, tmp.resolve("pytorch.bin"));
        assertSameLogits(run, tmp.resolve("pytorch-logits.bin"));
    }

    @Test
    void aRunTrainedHereGoesOutToPyTorchSafetensorsAndOnnx() throws Exception {
        Path run;
        String ours;
        try (Experiment exp = Experiment.create(seedSpec(3000))) {
            run = exp.trainIntoRunFolder(tmp.resolve("trained"), 1, TrainingListener.NONE).runDir();
            ours = percent(exp.evaluate());
        }
        for (String format : List.of("pth", "safetensors", "onnx")) {
            Path file = tmp.resolve("exported." + format);
            Invocation r = Invocation.of(ExportCommand.commandLine(), run.toString(), "--format", format, "-o", file.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals(format + " written: " + file, r.out());
            Path probabilities = tmp.resolve(format + ".bin");
            Path logits = tmp.resolve(format + "-logits.bin");
            Map<String, String> pytorch = seed(format.equals("onnx") ? "onnx" : "test", format.equals("onnx") ? "--model" : "--params",
                    file.toString(), "--probabilities", probabilities.toString(), "--logits", logits.toString());
            assertEquals(ours, pytorch.get("accuracy"), format);
            assertSameProbabilities(run, probabilities);
            assertSameLogits(run, logits);
        }
    }

    @Test
    void badInputIsOneLineAndTheDocumentedExitCode() throws IOException {
        Path notPth = Files.writeString(tmp.resolve("notes.pth"), "not a zip");
        Invocation r = Invocation.of(ImportCommand.commandLine(), notPth.toString(), "--script",
                TestData.projectDir().resolve("examples/mnist_cnn.groovy").toString(), "--root", data.toString(),
                "--out", tmp.resolve("runs").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertEquals("mnist-import: " + notPth + " is not a torch.save file: it is not a complete zip archive (truncated?)", r.err());

        Invocation format = Invocation.of(ExportCommand.commandLine(), tmp.toString(), "--format", "tflite");
        assertEquals(ExitCodes.BAD_INPUT, format.exit());
        assertTrue(format.err().lines().findFirst().orElseThrow().contains("'tflite' is not a format: pth, safetensors or onnx"),
                format.err());

        Path noRun = tmp.resolve("no-run");
        Invocation missing = Invocation.of(ExportCommand.commandLine(), noRun.toString(), "--format", "pth");
        assertEquals(ExitCodes.RUNTIME_ERROR, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("mnist-export: " + noRun), missing.err());
    }
}
