package mnistlab.interop;

import mnistlab.data.AtomicFiles;
import mnistlab.engine.Classifier;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's model out to PyTorch, safetensors or ONNX: {@code bin/mnist-export}, the REPL's
 * {@code :export} and the Java API. Keys are the names the run was imported with, a name map's,
 * or by default the seed's {@code MNIST_Network} names ({@link NameMap#seedNames}).
 */
public final class ModelExport {
    private ModelExport() {
    }

    /** The formats, as {@code --format} names them. */
    public enum Format {
        /** A torch.save state_dict. */
        PTH,
        /** A safetensors file of the same keys. */
        SAFETENSORS,
        /** An ONNX model (opset 17) for ONNX Runtime and browsers. */
        ONNX;

        /** @return the file name's ending, and the name --format takes */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Writes the run's model.
     * @param runDir  a run folder with a checkpoint
     * @param format  the format
     * @param out     the file, or null for {@code <runDir>/<experiment>.<format>}
     * @param nameMap a name map file for the keys, or null
     * @return the file written
     * @throws InteropException naming what cannot be exported
     * @throws IOException when the run folder cannot be read or the file written
     */
    public static Path write(Path runDir, Format format, Path out, Path nameMap) throws IOException {
        try (Classifier classifier = Classifier.open(runDir)) {
            ExperimentSpec spec = classifier.spec();
            List<ModelParameter> params = ModelParameter.of(classifier.model(), spec.layers());
            Path file = out != null ? out : runDir.resolve(spec.name() + "." + format.extension());
            if (format == Format.ONNX) {
                Map<String, Tensor> byAddress = new LinkedHashMap<>();
                params.forEach(p -> byAddress.put(p.address(), valuesOf(p)));
                byte[] model = OnnxExport.model(spec, byAddress, runDir).toByteArray();
                AtomicFiles.write(file, o -> o.write(model));
                return file;
            }
            Path namesFile = nameMap != null ? nameMap : runDir.resolve(NameMap.RUN_FILE);
            NameMap names = Files.isRegularFile(namesFile) || nameMap != null ? NameMap.read(namesFile) : NameMap.seedNames(params);
            Map<String, Tensor> tensors = keyed(params, names, namesFile);
            if (format == Format.PTH) {
                PthFile.write(file, tensors);
            } else {
                SafetensorsFile.write(file, tensors);
            }
            return file;
        }
    }

    /** The tensors under their keys in the model's order; BatchNorm layers get PyTorch's step counter too. */
    private static Map<String, Tensor> keyed(List<ModelParameter> params, NameMap names, Path namesFile)
            throws InteropException {
        Map<String, String> keyOf = new LinkedHashMap<>();
        names.keys().forEach((key, address) -> keyOf.put(address, key));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ModelParameter p : params) {
            String key = keyOf.get(p.address());
            if (key == null) {
                throw new InteropException(Messages.get("interop.mapMissing", namesFile, p.describe(), Tensor.describe(p.shape())));
            }
            tensors.put(key, valuesOf(p));
            if (p.role().equals("running_var") && key.endsWith(".running_var")) {
                String counter = key.substring(0, key.length() - "running_var".length()) + ParameterFiles.BATCH_COUNTER;
                tensors.put(counter, new Tensor(new long[0], new float[] {0}, true));
            }
        }
        return tensors;
    }

    private static Tensor valuesOf(ModelParameter p) {
        return Tensor.of(p.shape(), p.parameter().getArray().toFloatArray());
    }
}
