package mnistlab.engine;

/** A layer cannot take the shape the layer before it produces; names the layer and both shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int layerIndex;

    public ShapeMismatchException(int layerIndex, String kind, String inputShape, String problem) {
        super("layer " + layerIndex + " (" + kind + "): " + problem + "; its input is " + inputShape);
        this.layerIndex = layerIndex;
    }

    public int layerIndex() {
        return layerIndex;
    }
}
