package mnistlab.engine;

import mnistlab.i18n.Messages;

/** A layer cannot take the shape the layer before it produces; names the layer and both shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int layerIndex;

    public ShapeMismatchException(int layerIndex, String kind, String inputShape, String problem) {
        super(Messages.get("shape.problem", layerIndex, kind, problem, inputShape));
        this.layerIndex = layerIndex;
    }

    public int layerIndex() {
        return layerIndex;
    }
}
