package mnistlab.interop;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import mnistlab.engine.spec.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One parameter of a model the DSL built, named as PyTorch names the same thing: its layer's
 * index in the script's {@code model { }}, the layer's kind, and its role ({@code weight},
 * {@code bias}, {@code running_mean}, {@code running_var}; BatchNorm's gamma and beta are its
 * weight and bias there).
 *
 * @param layer     the layer's index in the script
 * @param kind      the layer's kind, {@code conv2d}
 * @param role      PyTorch's name for the parameter
 * @param shape     its shape, which PyTorch's equals (conv [out, in, k, k], linear [out, in])
 * @param parameter DJL's parameter
 */
public record ModelParameter(int layer, String kind, String role, long[] shape, Parameter parameter) {
    private static final Map<String, String> ROLES = Map.of("weight", "weight", "bias", "bias", "gamma", "weight",
            "beta", "bias", "runningMean", "running_mean", "runningVar", "running_var");

    /**
     * Every parameter of an initialised model, in layer order.
     * @param model  the model
     * @param layers its spec's layers (parameter-holding blocks keep their spec index)
     * @return its parameters
     */
    public static List<ModelParameter> of(Model model, List<LayerSpec> layers) {
        List<ModelParameter> all = new ArrayList<>();
        List<Block> blocks = model.getBlock().getChildren().values();
        for (int i = 0; i < blocks.size(); i++) {
            for (Pair<String, Parameter> p : blocks.get(i).getDirectParameters()) {
                String role = ROLES.getOrDefault(p.getKey(), p.getKey());
                all.add(new ModelParameter(i, layers.get(i).kind(), role, p.getValue().getArray().getShape().getShape(), p.getValue()));
            }
        }
        return all;
    }

    /** @return how the table names it: {@code 0 conv2d weight} */
    public String describe() {
        return layer + " " + kind + " " + role;
    }

    /** @return the name a map file gives it: {@code 0.weight} */
    public String address() {
        return layer + "." + role;
    }
}
