package mnistlab.engine.spec;

import java.util.List;
import java.util.stream.IntStream;

/** Which layers of a model the inspection views may look at, by index in the spec. */
public final class LayerRoles {
    private LayerRoles() {
    }

    /**
     * @param layers a model's layers
     * @return the indices of its conv layers, in order
     */
    public static List<Integer> convLayers(List<LayerSpec> layers) {
        return IntStream.range(0, layers.size()).filter(i -> layers.get(i) instanceof LayerSpec.Conv2d).boxed().toList();
    }

    /**
     * @param layers a model's layers
     * @return how many of the first layers give feature maps: those before the first flatten
     */
    public static int mapLayers(List<LayerSpec> layers) {
        return IntStream.range(0, layers.size()).filter(i -> layers.get(i) instanceof LayerSpec.Flatten)
                .findFirst().orElse(layers.size());
    }

    /**
     * Where Grad-CAM looks by default: the last conv layer's rectified maps (the activation right
     * after it, as Selvaraju et al. take VGG's last conv block after its ReLU), or the conv layer
     * itself when no activation follows it.
     * @param layers a model's layers
     * @return the layer's index, or -1 when there is no conv layer
     */
    public static int gradCamDefault(List<LayerSpec> layers) {
        List<Integer> convs = convLayers(layers);
        if (convs.isEmpty()) {
            return -1;
        }
        int last = convs.get(convs.size() - 1);
        return last + 1 < layers.size() && layers.get(last + 1) instanceof LayerSpec.Activation ? last + 1 : last;
    }
}
