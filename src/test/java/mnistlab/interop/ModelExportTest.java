package mnistlab.interop;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import mnistlab.TestData;
import mnistlab.engine.Classifier;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.Prediction;
import mnistlab.result.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Runs out to .pth, safetensors and ONNX, read back here and run in ONNX Runtime for Java. */
class ModelExportTest {
    @TempDir
    Path tmp;

    @Test
    void anImportedRunExportsUnderTheNamesItCameWith() throws IOException {
        StateDict original = PthFile.read(Fixtures.file("tiny.pth"));
        Path run = ModelImport.read(Fixtures.file("tiny.pth"), ModelImportTest.tiny().build(), tmp.resolve("runs"), null)
                .saved().runDir();
        StateDict pth = PthFile.read(ModelExport.write(run, ModelExport.Format.PTH, tmp.resolve("out.pth"), null));
        StateDict safetensors = SafetensorsFile.read(ModelExport.write(run, ModelExport.Format.SAFETENSORS, null, null));
        assertEquals(List.copyOf(original.tensors().keySet()), List.copyOf(pth.tensors().keySet()));
        assertEquals(pth.tensors().keySet(), safetensors.tensors().keySet());
        for (String key : original.tensors().keySet()) {
            Tensor expected = original.tensors().get(key);
            float[] values = key.endsWith("num_batches_tracked") ? new float[] {0} : expected.values(); // no counter here
            assertArrayEquals(expected.shape(), pth.tensors().get(key).shape(), key);
            assertArrayEquals(values, pth.tensors().get(key).values(), key);
            assertArrayEquals(values, safetensors.tensors().get(key).values(), key);
            assertEquals(expected.int64(), pth.tensors().get(key).int64(), key);
        }
    }

    @Test
    void aRunTrainedHereHasTheSeedsNamesAndComesBackTheSame() throws IOException {
        Path run;
        try (Experiment exp = Experiment.create(ModelImportTest.tiny().build())) {
            run = exp.trainIntoRunFolder(tmp.resolve("runs"), 1, TrainingListener.NONE).runDir();
        }
        Path pth = ModelExport.write(run, ModelExport.Format.PTH, null, null);
        assertEquals(run.resolve("tiny.pth"), pth);
        assertEquals(List.of("conv1.weight", "conv1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "fc1.weight", "fc1.bias"), List.copyOf(PthFile.read(pth).tensors().keySet()));
        Path back = ModelImport.read(pth, ModelImportTest.tiny().build(), tmp.resolve("again"), null).saved().runDir();
        ModelImportTest.assertClose(ModelImportTest.probabilities(run), ModelImportTest.probabilities(back), 0);
    }

    /** Every layer kind the DSL has but lambdas, a linear layer on images (MatMul, not Gemm) and normalisation. */
    @Test
    void onnxRuntimeAgreesWithTheEngineForEveryLayerKind() throws IOException, OrtException {
        ExperimentSpec zoo = ExperimentSpec.builder("zoo").mnist(TestData.mnistRoot()).limits(300, 100).normalize(0.13f, 0.31f)
                .conv2d(6, c -> c.kernel(3).padding(1)).batchNorm().leakyRelu(0.1f).avgPool(2)
                .conv2d(8, c -> c.kernel(3).stride(2)).gelu().maxPool(2, w -> w.padding(1)).linear(5).tanh()
                .flatten().dropout(0.3f).linear(16).sigmoid().linear(10)
                .train(t -> t.withEpochs(1).withDevice("cpu")).build();
        Path run;
        List<float[]> images = new ArrayList<>();
        try (Experiment exp = Experiment.create(zoo)) {
            run = exp.trainIntoRunFolder(tmp.resolve("runs"), 1, TrainingListener.NONE).runDir();
            for (int i = 0; i < 20; i++) {
                images.add(exp.testSet().image(i));
            }
        }
        Path onnx = ModelExport.write(run, ModelExport.Format.ONNX, tmp.resolve("zoo.onnx"), null);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals(OnnxExport.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals("N", model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());

        List<Prediction> engine;
        try (Classifier classifier = Classifier.open(run)) {
            engine = classifier.predictAll(images);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            float[][] batch = run(env, session, images);
            float[][] one = run(env, session, images.subList(3, 4));
            for (int i = 0; i < images.size(); i++) {
                ModelImportTest.assertClose(engine.get(i).probabilities(), batch[i], 1e-5);
            }
            ModelImportTest.assertClose(batch[3], one[0], 1e-6);
        }
    }

    private static float[][] run(OrtEnvironment env, OrtSession session, List<float[]> images) throws OrtException {
        FloatBuffer pixels = FloatBuffer.allocate(images.size() * 784);
        images.forEach(pixels::put);
        pixels.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, pixels, new long[] {images.size(), 1, 28, 28});
             OrtSession.Result result = session.run(Map.of("pixels", input))) {
            return (float[][]) result.get("probabilities").orElseThrow().getValue();
        }
    }

    @Test
    void aLambdaLayerCannotBeExported() throws IOException {
        ExperimentSpec withLambda = ExperimentSpec.builder("lambda").mnist(TestData.mnistRoot())
                .flatten().lambda("twice", x -> ((NDArray) x).mul(2)).linear(10).build();
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        parameters.put("2.weight", Tensor.of(new long[] {10, 784}, new float[7840]));
        parameters.put("2.bias", Tensor.of(new long[] {10}, new float[10]));
        InteropException e = assertThrows(InteropException.class, () -> OnnxExport.model(withLambda, parameters, tmp));
        assertEquals(tmp + ": layer 1 is the lambda 'twice', Groovy code that ONNX cannot hold", e.getMessage());
    }
}
