package mnistlab.interop;

import ai.djl.ndarray.NDArray;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which key of a state_dict goes into which parameter of the model. By default each parameter,
 * in layer order, takes the first key not yet taken whose shape equals its own and whose last
 * part ({@code weight}, {@code bias}, ...) names the same role, preferring the prefix its layer's
 * first key had: registration order then decides only between layers of the same shapes. A name
 * map pairs them explicitly instead.
 *
 * @param pairs each model parameter with its key, in the model's order
 */
public record ParameterMapping(List<Pair> pairs) {
    /**
     * One key and the parameter it goes into.
     * @param key    the state_dict's key
     * @param tensor its tensor
     * @param target the model's parameter
     */
    public record Pair(String key, Tensor tensor, ModelParameter target) {
    }

    private static final Set<String> ROLES = Set.of("weight", "bias", "running_mean", "running_var");

    /**
     * Pairs by order, shape and role.
     * @param dict       the state_dict
     * @param parameters the model's parameters
     * @return the pairs
     * @throws InteropException naming the first key or parameter without a partner, with both shapes
     */
    public static ParameterMapping byOrder(StateDict dict, List<ModelParameter> parameters) throws InteropException {
        Map<String, Tensor> free = parametersOf(dict);
        List<Pair> pairs = new ArrayList<>();
        Map<Integer, String> layerPrefix = new HashMap<>();
        for (ModelParameter p : parameters) {
            List<String> fitting = free.entrySet().stream()
                    .filter(e -> Arrays.equals(e.getValue().shape(), p.shape()) && roleFits(e.getKey(), p))
                    .map(Map.Entry::getKey).toList();
            if (fitting.isEmpty()) {
                throw unmatched(dict, p, free);
            }
            // a layer's other keys share the prefix of its first ("conv1.bias" after "conv1.weight"),
            // which decides where order cannot: safetensors keeps none, and a bias [32] fits many layers
            String prefix = layerPrefix.get(p.layer());
            String key = fitting.stream().filter(k -> prefix(k).equals(prefix)).findFirst().orElse(fitting.get(0));
            layerPrefix.putIfAbsent(p.layer(), prefix(key));
            pairs.add(new Pair(key, free.remove(key), p));
        }
        return checkedAllUsed(dict, pairs, free);
    }

    /**
     * Pairs as a name map says.
     * @param dict       the state_dict
     * @param parameters the model's parameters
     * @param names      key to parameter address
     * @return the pairs
     * @throws InteropException naming the first key or parameter the map leaves out or gets wrong
     */
    public static ParameterMapping byNames(StateDict dict, List<ModelParameter> parameters, NameMap names)
            throws InteropException {
        Map<String, Tensor> free = parametersOf(dict);
        Map<String, String> keyOf = new LinkedHashMap<>();
        names.keys().forEach((key, address) -> keyOf.put(address, key));
        List<Pair> pairs = new ArrayList<>();
        for (ModelParameter p : parameters) {
            String key = keyOf.get(p.address());
            if (key == null) {
                throw new InteropException(Messages.get("interop.mapMissing", dict.file(), p.describe(), Tensor.describe(p.shape())));
            }
            Tensor t = free.remove(key);
            if (t == null) {
                throw new InteropException(Messages.get("interop.missingKey", dict.file(), key, p.describe(), Tensor.describe(p.shape())));
            }
            if (!Arrays.equals(t.shape(), p.shape())) {
                throw new InteropException(Messages.get("interop.shapeMismatch", dict.file(), key, t.describeShape(),
                        p.describe(), Tensor.describe(p.shape())));
            }
            pairs.add(new Pair(key, t, p));
        }
        return checkedAllUsed(dict, pairs, free);
    }

    /**
     * The mapping as a table, one pair a line.
     * @return lines such as {@code conv1.weight [32, 1, 5, 5] → 0 conv2d weight}
     */
    public String table() {
        int width = pairs.stream().mapToInt(p -> (p.key() + " " + p.tensor().describeShape()).length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Pair p : pairs) {
            String left = p.key() + " " + p.tensor().describeShape();
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s → %s%n", left, p.target().describe()));
        }
        return sb.toString();
    }

    /**
     * Sets every parameter of the model to its key's values, by in-place arithmetic on a freshly
     * initialised (finite) array: {@code NDArray.set(Buffer)} and {@code copyTo} go through a JNI
     * path that makes libtorch 2.7 print a deprecation warning on stderr (measured).
     */
    public void apply() {
        for (Pair p : pairs) {
            NDArray target = p.target().parameter().getArray();
            try (NDArray values = target.getManager().create(p.tensor().values(), target.getShape())) {
                target.muli(0).addi(values);
            }
        }
    }

    /** @return the keys as a name map, which export uses to give them back */
    public NameMap names() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Pair p : pairs) {
            keys.put(p.key(), p.target().address());
        }
        return new NameMap(keys);
    }

    /** The tensors that are parameters: BatchNorm's step counters are left out. */
    private static Map<String, Tensor> parametersOf(StateDict dict) {
        Map<String, Tensor> free = new LinkedHashMap<>(dict.tensors());
        free.keySet().removeIf(key -> key.endsWith(ParameterFiles.BATCH_COUNTER));
        return free;
    }

    private static String prefix(String key) {
        return key.substring(0, Math.max(0, key.lastIndexOf('.')));
    }

    private static boolean roleFits(String key, ModelParameter p) {
        String role = key.substring(key.lastIndexOf('.') + 1);
        return !ROLES.contains(role) || role.equals(p.role());
    }

    /** The key in this parameter's place with the wrong shape, or no key at all. */
    private static InteropException unmatched(StateDict dict, ModelParameter p, Map<String, Tensor> free) {
        for (Map.Entry<String, Tensor> e : free.entrySet()) {
            if (roleFits(e.getKey(), p)) {
                return new InteropException(Messages.get("interop.shapeMismatch", dict.file(), e.getKey(),
                        e.getValue().describeShape(), p.describe(), Tensor.describe(p.shape())));
            }
        }
        return new InteropException(Messages.get("interop.noKey", dict.file(), p.describe(), Tensor.describe(p.shape())));
    }

    private static ParameterMapping checkedAllUsed(StateDict dict, List<Pair> pairs, Map<String, Tensor> free)
            throws InteropException {
        if (!free.isEmpty()) {
            Map.Entry<String, Tensor> extra = free.entrySet().iterator().next();
            throw new InteropException(Messages.get("interop.extraKey", dict.file(), extra.getKey(),
                    extra.getValue().describeShape(), free.size()));
        }
        return new ParameterMapping(List.copyOf(pairs));
    }
}
