package mnistlab.interop;

import mnistlab.data.AtomicFiles;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.TrainingResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * PyTorch parameters into a new run folder: {@code bin/mnist-import}, the REPL's {@code :import}
 * and the Java API. The model is the one a script's {@code model { }} builds; the file's
 * tensors go into its parameters (by order, shape and role, or as a name map says), and the run
 * is saved and evaluated on the test set as a trained run is.
 */
public final class ModelImport {
    private ModelImport() {
    }

    /**
     * What an import made.
     * @param saved   the new run folder's result, with its test evaluation
     * @param mapping which key went where
     */
    public record Result(TrainingResult saved, ParameterMapping mapping) {
    }

    /**
     * Reads a state_dict (.pth or .safetensors) into the spec's model and saves it as a run.
     * @param parameters the file
     * @param spec       the experiment whose model matches it
     * @param runsRoot   where the run folder goes
     * @param nameMap    a name map file, or null to pair by order and shape
     * @return the run and the mapping
     * @throws InteropException naming the file and the key or parameter that does not fit
     * @throws IOException when data or a folder cannot be read or written
     */
    public static Result read(Path parameters, ExperimentSpec spec, Path runsRoot, Path nameMap) throws IOException {
        StateDict dict = ParameterFiles.read(parameters);
        NameMap names = nameMap == null ? null : NameMap.read(nameMap);
        try (Experiment exp = Experiment.create(spec)) {
            List<ModelParameter> params = ModelParameter.of(exp.model(), exp.spec().layers());
            ParameterMapping mapping = names == null ? ParameterMapping.byOrder(dict, params)
                    : ParameterMapping.byNames(dict, params, names);
            mapping.apply();
            TrainingResult saved = exp.saveTo(runsRoot);
            AtomicFiles.writeString(saved.runDir().resolve(NameMap.RUN_FILE), mapping.names().format());
            return new Result(saved, mapping);
        }
    }
}
