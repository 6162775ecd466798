package mnistlab.interop;

import mnistlab.TestData;
import mnistlab.engine.Classifier;
import mnistlab.engine.spec.ExperimentBuilder;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.Prediction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A state_dict PyTorch 2.13 wrote (python/make_interop_fixtures.py) into the model a spec
 * builds: its predictions are PyTorch's, and a file that does not fit says which key and shapes.
 */
class ModelImportTest {
    @TempDir
    Path tmp;

    /** python/make_interop_fixtures.py's TinyNetwork, written in the DSL's terms. */
    static ExperimentBuilder tiny() throws IOException {
        return ExperimentSpec.builder("tiny").mnist(TestData.mnistRoot()).limits(100, 100)
                .conv2d(4, c -> c.kernel(5).padding(2)).batchNorm().relu().maxPool(2).flatten().linear(10)
                .train(t -> t.withEpochs(1).withDevice("cpu"));
    }

    /** The 8 fixture images through a run's model, their probabilities one after another. */
    static float[] probabilities(Path runDir) throws IOException {
        float[] inputs = Fixtures.floats("tiny-inputs.bin");
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < inputs.length / 784; i++) {
            images.add(Arrays.copyOfRange(inputs, i * 784, (i + 1) * 784));
        }
        float[] all = new float[images.size() * 10];
        try (Classifier classifier = Classifier.open(runDir)) {
            List<Prediction> predictions = classifier.predictAll(images);
            for (int i = 0; i < predictions.size(); i++) {
                System.arraycopy(predictions.get(i).probabilities(), 0, all, i * 10, 10);
            }
        }
        return all;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "value " + i);
        }
    }

    @Test
    void torchSaveAndSafetensorsGivePyTorchsProbabilities() throws IOException {
        for (String file : List.of("tiny.pth", "tiny.safetensors")) {
            ModelImport.Result r = ModelImport.read(Fixtures.file(file), tiny().build(), tmp.resolve("runs"), null);
            assertClose(Fixtures.floats("tiny-probabilities.bin"), probabilities(r.saved().runDir()), 1e-5);
            String table = r.mapping().table();
            assertTrue(table.contains("conv.weight [4, 1, 5, 5] → 0 conv2d weight"), table);
            assertTrue(table.contains("bn.running_var [4]       → 1 batchNorm running_var"), table);
            assertTrue(table.contains("fc.bias [10]             → 5 linear bias"), table);
            assertEquals(8, table.lines().count(), "num_batches_tracked is no parameter: " + table);
            assertEquals(100, r.saved().test().count());
        }
    }

    @Test
    void aShapeThatDiffersNamesTheKeyAndBothShapes() throws IOException {
        ExperimentSpec wider = ExperimentSpec.builder("wider").mnist(TestData.mnistRoot()).limits(100, 100)
                .conv2d(6, c -> c.kernel(5).padding(2)).batchNorm().relu().maxPool(2).flatten().linear(10).build();
        Path file = Fixtures.file("tiny.pth");
        InteropException e = assertThrows(InteropException.class, () -> ModelImport.read(file, wider, tmp, null));
        assertEquals(file + ": key 'conv.weight' is [4, 1, 5, 5], but layer 0 conv2d weight is [6, 1, 5, 5]", e.getMessage());
    }

    @Test
    void anExtraOrMissingKeyIsNamed() throws IOException {
        ExperimentSpec noNorm = ExperimentSpec.builder("plain").mnist(TestData.mnistRoot()).limits(100, 100)
                .conv2d(4, c -> c.kernel(5).padding(2)).relu().maxPool(2).flatten().linear(10).build();
        Path file = Fixtures.file("tiny.pth");
        InteropException extra = assertThrows(InteropException.class, () -> ModelImport.read(file, noNorm, tmp, null));
        assertEquals(file + ": key 'bn.weight' [4] fits no parameter of the model (4 keys left over)", extra.getMessage());

        Map<String, Tensor> partial = new LinkedHashMap<>(PthFile.read(file).tensors());
        partial.remove("fc.bias");
        Path cut = tmp.resolve("cut.pth");
        PthFile.write(cut, partial);
        InteropException missing = assertThrows(InteropException.class, () -> ModelImport.read(cut, tiny().build(), tmp, null));
        assertEquals(cut + ": no key for layer 5 linear bias [10]", missing.getMessage());
    }

    @Test
    void aNameMapPairsExplicitlyAndItsMistakesNameTheLine() throws IOException {
        Path map = Files.writeString(tmp.resolve("names.txt"), """
                # TinyNetwork
                conv.weight 0.weight
                conv.bias 0.bias
                bn.weight 1.weight
                bn.bias 1.bias
                bn.running_mean 1.running_mean
                bn.running_var 1.running_var
                fc.weight 5.weight
                fc.bias 5.bias
                """);
        ModelImport.Result r = ModelImport.read(Fixtures.file("tiny.pth"), tiny().build(), tmp.resolve("runs"), map);
        assertClose(Fixtures.floats("tiny-probabilities.bin"), probabilities(r.saved().runDir()), 1e-5);
        assertEquals(NameMap.read(map), NameMap.read(r.saved().runDir().resolve(NameMap.RUN_FILE)), "the run keeps its names");

        Path typo = Files.writeString(tmp.resolve("typo.txt"), "conv.weight 0.weight\nconv.bias 0:bias\n");
        InteropException line = assertThrows(InteropException.class, () -> NameMap.read(typo));
        assertEquals(typo + ":2: 'conv.bias 0:bias' is not 'KEY LAYER.ROLE' (for example 'conv1.weight 0.weight')", line.getMessage());

        Path wrongKey = Files.writeString(tmp.resolve("wrong.txt"), Files.readString(map).replace("fc.bias", "fc2.bias"));
        Path file = Fixtures.file("tiny.pth");
        InteropException key = assertThrows(InteropException.class, () -> ModelImport.read(file, tiny().build(), tmp, wrongKey));
        assertEquals(file + ": has no key 'fc2.bias' for layer 5 linear bias [10]", key.getMessage());
    }

    @Test
    void keysOfTheSameShapeKeepTheirOrderInNaturalOrder() {
        List<String> keys = new ArrayList<>(List.of("10.weight", "2.weight", "fc10.bias", "fc2.bias", "1.weight"));
        keys.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("1.weight", "2.weight", "10.weight", "fc2.bias", "fc10.bias"), keys);
    }
}
