package mnistlab.engine;

import mnistlab.i18n.Messages;

/** A layer cannot take the shape the layer before it produces; names the layer and both shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The layer that cannot take its input, from 0. */
    private final int layerIndex;

    /**
     * A layer that cannot take its input.
     * @param layerIndex the layer, from 0
     * @param kind its kind
     * @param inputShape what comes in, batch axis as N
     * @param problem what is wrong
     */
    public ShapeMismatchException(int layerIndex, String kind, String inputShape, String problem) {
        super(Messages.get("shape.problem", layerIndex, kind, problem, inputShape));
        this.layerIndex = layerIndex;
    }

    /** @return the layer, from 0 (the DSL turns it into the layer's line) */
    public int layerIndex() {
        return layerIndex;
    }
}
