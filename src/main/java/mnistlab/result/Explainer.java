package mnistlab.result;

import java.util.List;

/**
 * What the pictures and the page ask a model about one image (rows*cols pixels in [0,1]); the
 * engine's inspector answers, so the plots need no engine.
 */
public interface Explainer {
    /**
     * @param pixels the image
     * @return every layer's output, in the spec's order
     */
    List<LayerOutput> activations(float[] pixels);

    /**
     * @param layer a conv layer's index in the spec
     * @return its kernels, [filters, channels, kernel, kernel]
     */
    LayerOutput filters(int layer);

    /**
     * @param pixels the image
     * @return the predicted class's saliency
     */
    Heatmap saliency(float[] pixels);

    /**
     * @param pixels the image
     * @param targetClass the class explained
     * @param layer the index in the spec of a layer with feature maps
     * @return that class's Grad-CAM at that layer, upsampled to the image's size
     */
    Heatmap gradCam(float[] pixels, int targetClass, int layer);

    /**
     * @param pixels the image
     * @param layer the index in the spec of a layer with feature maps
     * @return the predicted class's Grad-CAM at that layer, upsampled to the image's size
     */
    Heatmap gradCamAt(float[] pixels, int layer);
}
