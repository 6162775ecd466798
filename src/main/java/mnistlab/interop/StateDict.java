package mnistlab.interop;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of a PyTorch {@code state_dict} by key, in the file's order ({@code .pth}: the
 * module's registration order; safetensors has none, so its keys come in natural order there).
 *
 * @param file    where it was read from, or is written to
 * @param tensors the tensors by key, in order
 */
public record StateDict(Path file, Map<String, Tensor> tensors) {
    /**
     * Keeps the order.
     * @param file    where it was read from
     * @param tensors the tensors by key
     */
    public StateDict {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
