package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import mnistlab.TestData;
import mnistlab.engine.spec.DatasetSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector's figures against the same figures worked out here in plain Java (forward pass,
 * Grad-CAM's formula) or by central differences (saliency), on untrained but initialised models.
 */
class InspectorTest {
    private static final LayerSpec RELU = new LayerSpec.Activation(LayerSpec.ActivationKind.RELU, 0f);
    private static final LayerSpec TANH = new LayerSpec.Activation(LayerSpec.ActivationKind.TANH, 0f);

    private static Experiment experiment(DatasetSpec data, LayerSpec... layers) throws IOException {
        return Experiment.create(new ExperimentSpec("inspect", data, List.of(layers),
                TrainSpec.seedDefaults().withDevice("cpu").withSeed(3), List.of()));
    }

    private static DatasetSpec mnist() throws IOException {
        return DatasetSpec.of("mnist", TestData.mnistRoot()).withLimits(200, 50);
    }

    /** A parameter of the block built from the layer at {@code specIndex}. */
    private static float[] parameter(Experiment exp, int specIndex, String name) {
        int[] positions = Networks.runPositions(exp.spec().layers());
        for (int position = 0; position < positions.length; position++) {
            if (positions[position] == specIndex) {
                Block block = exp.model().getBlock().getChildren().valueAt(position);
                return block.getParameters().get(name).getArray().toFloatArray();
            }
        }
        throw new AssertionError("no block for layer " + specIndex);
    }

    private static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }

    @Test
    void everyLayersOutputIsTheForwardPassWrittenOutByHand() throws IOException {
        DatasetSpec data = mnist().withNormalization(0.1307f, 0.3081f);
        try (Experiment exp = experiment(data, new LayerSpec.Conv2d(3, 3, 1, 1), RELU, new LayerSpec.Pool(true, 2, 2, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(10))) {
            float[] pixels = exp.inspector().testImage(0);
            List<LayerOutput> outputs = exp.inspector().activations(pixels);
            assertEquals(List.of("conv2d", "relu", "maxPool", "flatten", "linear"),
                    outputs.stream().map(LayerOutput::name).toList());
            assertArrayEquals(new long[] {3, 28, 28}, outputs.get(0).shape());
            assertArrayEquals(new long[] {3, 14, 14}, outputs.get(2).shape());
            assertArrayEquals(new long[] {588}, outputs.get(3).shape());
            assertTrue(outputs.get(1).featureMaps() && !outputs.get(4).featureMaps());

            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (pixels[i] - 0.1307f) / 0.3081f;
            }
            float[] conv = conv3x3(x, parameter(exp, 0, "weight"), parameter(exp, 0, "bias"), 3);
            float[] relu = conv.clone();
            for (int i = 0; i < relu.length; i++) {
                relu[i] = Math.max(0f, relu[i]);
            }
            float[] pooled = maxPool2(relu, 3, 28);
            float[] logits = linear(pooled, parameter(exp, 4, "weight"), parameter(exp, 4, "bias"));
            assertClose(conv, outputs.get(0).values(), 1e-6, "conv2d");
            assertClose(relu, outputs.get(1).values(), 1e-6, "relu");
            assertClose(pooled, outputs.get(2).values(), 1e-6, "maxPool");
            assertClose(pooled, outputs.get(3).values(), 1e-6, "flatten");
            assertClose(logits, outputs.get(4).values(), 1e-5, "linear");
            assertEquals(exp.predict(pixels).label(), argMax(logits), "the inspector's logits are the prediction's");

            LayerOutput kernels = exp.inspector().filters(0);
            assertArrayEquals(new long[] {3, 1, 3, 3}, kernels.shape());
            assertArrayEquals(parameter(exp, 0, "weight"), kernels.values());
        }
    }

    @Test
    void saliencyIsTheLogitsGradientByCentralDifferences() throws IOException {
        // normalised, so a gradient taken after the normalisation would be 1/std times too large
        try (Experiment exp = experiment(mnist().withNormalization(0.1307f, 0.3081f), new LayerSpec.Conv2d(2, 3, 1, 1), TANH, new LayerSpec.Pool(false, 2, 2, 0),
                new LayerSpec.Flatten(), new LayerSpec.Linear(10))) {
            Inspector inspector = exp.inspector();
            float[] pixels = inspector.testImage(1);
            Heatmap predicted = inspector.saliency(pixels);
            assertEquals(argMax(logits(inspector, pixels)), predicted.targetClass());
            assertEquals(-1, predicted.layer());
            int target = (predicted.targetClass() + 3) % 10;
            Heatmap saliency = inspector.saliency(pixels, target);
            assertEquals(target, saliency.targetClass());
            float largest = 0f;
            for (float v : saliency.values()) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 0f, "some pixel matters");
            float h = 1e-2f;
            for (int k = 0; k < 20; k++) {
                int pixel = 28 * (4 + k) + 6 + k; // a diagonal across ink and background
                float[] up = pixels.clone();
                float[] down = pixels.clone();
                up[pixel] += h;
                down[pixel] -= h;
                float difference = (logits(inspector, up)[target] - logits(inspector, down)[target]) / (2 * h);
                assertEquals(difference, saliency.at(pixel / 28, pixel % 28), 1e-2 * largest + 1e-4, "pixel " + pixel);
            }
        }
    }

    @Test
    void gradCamIsTheMeanGradientWeightedMapsUpsampled() throws IOException {
        // conv stride 2: 14x14 maps; then linear, so each map's mean gradient is its class weights' mean
        try (Experiment exp = experiment(mnist(), new LayerSpec.Conv2d(2, 4, 2, 1), new LayerSpec.Flatten(),
                new LayerSpec.Linear(10))) {
            Inspector inspector = exp.inspector();
            float[] pixels = inspector.testImage(2);
            float[] maps = inspector.activations(pixels).get(0).values();
            float[] weights = parameter(exp, 2, "weight");
            int target = 4;
            float[] cam = new float[196];
            for (int k = 0; k < 2; k++) {
                double alpha = 0;
                for (int p = 0; p < 196; p++) {
                    alpha += weights[target * 392 + k * 196 + p];
                }
                alpha /= 196;
                for (int p = 0; p < 196; p++) {
                    cam[p] += (float) (alpha * maps[k * 196 + p]);
                }
            }
            for (int p = 0; p < 196; p++) {
                cam[p] = Math.max(0f, cam[p]);
            }
            Heatmap heatmap = inspector.gradCam(pixels, target, 0);
            assertEquals(target, heatmap.targetClass());
            assertEquals(0, heatmap.layer());
            assertClose(upsample(cam, 14, 28), heatmap.values(), 1e-5, "Grad-CAM");
            assertEquals(argMax(logits(inspector, pixels)), inspector.gradCam(pixels).targetClass());
        }
    }

    /** A network made by hand to see only the right half: its Grad-CAM is 0 on the left and peaks on the right. */
    @Test
    void gradCamOfANetworkThatSeesOnlyTheRightHalfLiesInTheRightHalf() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder("right").mnist(TestData.mnistRoot()).limits(200, 50)
                .lambda("rightHalf", x -> {
                    NDArray images = (NDArray) x;
                    NDArray keep = images.zerosLike();
                    keep.set(new NDIndex(":, :, :, 14:"), 1f);
                    return images.mul(keep);
                })
                .conv2d(2, c -> c.kernel(3).padding(1)).relu().flatten().linear(10)
                .train(t -> t.withDevice("cpu").withSeed(3)).build();
        try (Experiment exp = Experiment.create(spec)) {
            Block conv = exp.model().getBlock().getChildren().valueAt(1);
            conv.getParameters().get("weight").getArray().set(filled(2 * 9, 0.1f)); // every kernel adds up its ink
            conv.getParameters().get("bias").getArray().set(new float[2]);
            exp.model().getBlock().getChildren().valueAt(4).getParameters().get("weight").getArray()
                    .set(filled(10 * 2 * 784, 0.01f)); // every score grows with every map value
            float[] pixels = exp.inspector().testImage(0); // a 7: ink on both halves
            Heatmap cam = exp.inspector().gradCam(pixels);
            double left = 0;
            double right = 0;
            int hottest = 0;
            for (int i = 0; i < 784; i++) {
                left += i % 28 < 13 ? cam.values()[i] : 0; // column 13 is within the kernel's reach of the right half
                right += i % 28 >= 14 ? cam.values()[i] : 0;
                hottest = cam.values()[i] > cam.values()[hottest] ? i : hottest;
            }
            assertEquals(0.0, left, 1e-6, "the left half's ink does not count");
            assertTrue(right > 0 && hottest % 28 >= 14, "peaks in the right half, at column " + hottest % 28);
        }
    }

    private static float[] filled(int n, float value) {
        float[] values = new float[n];
        Arrays.fill(values, value);
        return values;
    }

    @Test
    void badRequestsSayWhatExistsAndNothingIsLeftBehind() throws IOException {
        try (Experiment exp = experiment(mnist(), new LayerSpec.Conv2d(2, 3, 1, 1), RELU, new LayerSpec.Flatten(),
                new LayerSpec.Linear(10))) {
            Inspector inspector = exp.inspector();
            float[] pixels = inspector.testImage(0);
            assertEquals("100 pixels given; the model takes 28x28 = 784",
                    assertThrows(IllegalArgumentException.class, () -> inspector.activations(new float[100])).getMessage());
            assertEquals("class 10 does not exist: the model's classes are 0 to 9 (did you mean 9?)",
                    assertThrows(IllegalArgumentException.class, () -> inspector.saliency(pixels, 10)).getMessage());
            assertEquals("layer 1 (relu) is not a conv layer (did you mean 0? conv layers: 0)",
                    assertThrows(IllegalArgumentException.class, () -> inspector.filters(1)).getMessage());
            assertEquals("layer 3 (linear) gives no feature maps for Grad-CAM (did you mean 1? layers with feature maps: 0 to 1)",
                    assertThrows(IllegalArgumentException.class, () -> inspector.gradCam(pixels, 3, 3)).getMessage());
            assertEquals(1, inspector.gradCam(pixels).layer(), "the ReLU after the last conv layer");
            assertEquals("layer 9 does not exist: the model's layers are 0 to 3 (did you mean 0? conv layers: 0)",
                    assertThrows(IllegalArgumentException.class, () -> inspector.filters(9)).getMessage());
            assertEquals("test image 50 does not exist: the test set has 50 images, 0 to 49 (did you mean 49?)",
                    assertThrows(IllegalArgumentException.class, () -> inspector.testImage(50)).getMessage());

            try (NDManager held = NDManager.newBaseManager()) {
                Inspector scoped = new Inspector(exp.model(), held, new Predictor(exp.model(), held, exp.spec().dataset()),
                        exp.spec(), exp.testSet());
                int modelArrays = exp.model().getNDManager().getManagedArrays().size();
                for (int i = 0; i < 1000; i++) {
                    scoped.activations(pixels);
                    scoped.saliency(pixels, i % 10);
                    scoped.gradCam(pixels, i % 10, 0);
                }
                assertEquals(0, held.getManagedArrays().size(), "arrays left after 1,000 inspections");
                assertEquals(modelArrays, exp.model().getNDManager().getManagedArrays().size(), "arrays left on the model");
            }
        }
        try (Experiment dense = experiment(mnist(), new LayerSpec.Flatten(), new LayerSpec.Linear(10))) {
            float[] pixels = dense.inspector().testImage(0);
            assertEquals("the model has no conv layer, so it has no filters or Grad-CAM; saliency works for any model",
                    assertThrows(IllegalArgumentException.class, () -> dense.inspector().gradCam(pixels)).getMessage());
            assertEquals(784, dense.inspector().saliency(pixels).values().length);
        }
    }

    private static float[] logits(Inspector inspector, float[] pixels) {
        List<LayerOutput> outputs = inspector.activations(pixels);
        return outputs.get(outputs.size() - 1).values();
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A 3x3 convolution with padding 1 of one 28x28 channel into {@code filters} channels. */
    private static float[] conv3x3(float[] x, float[] weight, float[] bias, int filters) {
        float[] out = new float[filters * 784];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    double sum = bias[f];
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            int rr = r + i - 1;
                            int cc = c + j - 1;
                            if (rr >= 0 && rr < 28 && cc >= 0 && cc < 28) {
                                sum += weight[f * 9 + i * 3 + j] * x[rr * 28 + cc];
                            }
                        }
                    }
                    out[f * 784 + r * 28 + c] = (float) sum;
                }
            }
        }
        return out;
    }

    private static float[] maxPool2(float[] x, int channels, int size) {
        int half = size / 2;
        float[] out = new float[channels * half * half];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < half; r++) {
                for (int c = 0; c < half; c++) {
                    int at = ch * size * size + 2 * r * size + 2 * c;
                    out[ch * half * half + r * half + c] = Math.max(Math.max(x[at], x[at + 1]), Math.max(x[at + size], x[at + size + 1]));
                }
            }
        }
        return out;
    }

    private static float[] linear(float[] x, float[] weight, float[] bias) {
        float[] out = new float[bias.length];
        for (int o = 0; o < out.length; o++) {
            double sum = bias[o];
            for (int i = 0; i < x.length; i++) {
                sum += weight[o * x.length + i] * x[i];
            }
            out[o] = (float) sum;
        }
        return out;
    }

    /** Bilinear upsampling of a square map with pixel centres aligned (half-pixel offsets), edges clamped. */
    private static float[] upsample(float[] map, int from, int to) {
        float[] out = new float[to * to];
        double scale = (double) from / to;
        for (int r = 0; r < to; r++) {
            double y = Math.max(0, (r + 0.5) * scale - 0.5);
            int y0 = Math.min((int) y, from - 1);
            int y1 = Math.min(y0 + 1, from - 1);
            double dy = y - y0;
            for (int c = 0; c < to; c++) {
                double x = Math.max(0, (c + 0.5) * scale - 0.5);
                int x0 = Math.min((int) x, from - 1);
                int x1 = Math.min(x0 + 1, from - 1);
                double dx = x - x0;
                double top = map[y0 * from + x0] * (1 - dx) + map[y0 * from + x1] * dx;
                double bottom = map[y1 * from + x0] * (1 - dx) + map[y1 * from + x1] * dx;
                out[r * to + c] = (float) (top * (1 - dy) + bottom * dy);
            }
        }
        return out;
    }
}
