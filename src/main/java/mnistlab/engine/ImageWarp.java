package mnistlab.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.function.BiFunction;

/**
 * Moves each image of a batch by its own affine map, where the batch lives (on the GPU when
 * training there), with bilinear sampling and the background outside the image. DJL offers no
 * grid_sample, so the sampling is one gather of the four neighbours. Positions are relative to
 * the image's centre: x along a row, y down a column.
 */
final class ImageWarp {
    /**
     * Images per chunk in {@link #eachImage}: the gather takes 4 x 8 bytes a pixel for its indices
     * alone. Measured on 25,000 deskewed images: 4,096 raised a run's peak memory by about
     * 850 MiB, 1,024 by about 140 MiB, at no measurable cost in time.
     */
    private static final int CHUNK = 1024;
    private final int rows;
    private final int cols;
    private final float background;
    private final NDArray column;
    private final NDArray row;
    private final NDArray cornerX;
    private final NDArray cornerY;
    private final NDArray signX;
    private final NDArray signY;

    /** {@code background}: the value of an empty pixel as the images hold it. */
    ImageWarp(int rows, int cols, float background, NDManager manager) {
        this.rows = rows;
        this.cols = cols;
        this.background = background;
        // Each output pixel's position relative to the image's centre, [1, rows, cols].
        this.column = manager.arange(0f, cols).sub((cols - 1) / 2f).reshape(1, 1, cols).repeat(1, rows);
        this.row = manager.arange(0f, rows).sub((rows - 1) / 2f).reshape(1, rows, 1).repeat(2, cols);
        this.cornerX = manager.create(new float[] {0, 1, 0, 1}, new Shape(4, 1, 1, 1));
        this.cornerY = manager.create(new float[] {0, 0, 1, 1}, new Shape(4, 1, 1, 1));
        // Made once here: made per batch from the corners, they would pile up in this manager.
        this.signX = cornerX.mul(2).sub(1);
        this.signY = cornerY.mul(2).sub(1);
    }

    /**
     * Every image moved by its own affine map, computed from the image itself (as deskewing does),
     * chunk by chunk, each chunk's intermediate arrays freed before the next (the whole training
     * set at once would take gigabytes), with the background 0.
     * @param pixels [B, 1, rows, cols]
     * @param affine a chunk's images ([n, rows, cols]) and a warp of their size to the maps'
     *               m00, m01, m10, m11, shiftX, shiftY, each [n, 1, 1], as {@link #sources} takes them
     * @return a new array of the same shape, in the manager of {@code pixels}
     */
    static NDArray eachImage(NDArray pixels, BiFunction<NDArray, ImageWarp, NDArray[]> affine) {
        NDManager owner = pixels.getManager();
        long b = pixels.getShape().get(0);
        int rows = (int) pixels.getShape().get(2);
        int cols = (int) pixels.getShape().get(3);
        if (b == 0) {
            return pixels.duplicate(); // an empty batch (no chunk to concatenate)
        }
        try (NDManager scope = owner.newSubManager()) {
            ImageWarp warp = new ImageWarp(rows, cols, 0f, scope);
            NDList chunks = new NDList();
            for (long from = 0; from < b; from += CHUNK) {
                try (NDManager chunkScope = scope.newSubManager()) {
                    NDArray chunk = pixels.get(from + ":" + Math.min(b, from + CHUNK));
                    chunk.attach(chunkScope);
                    NDArray[] source = warp.sources(affine.apply(chunk.reshape(chunk.getShape().get(0), rows, cols), warp));
                    NDArray moved = warp.sample(chunk, source[0], source[1]);
                    moved.attach(scope);
                    chunks.add(moved);
                }
            }
            NDArray out = chunks.size() == 1 ? chunks.head() : NDArrays.concat(chunks);
            out.attach(owner);
            return out;
        }
    }

    /** @return every pixel's x from the centre, [1, rows, cols] */
    NDArray column() {
        return column;
    }

    /** @return every pixel's y from the centre, [1, rows, cols] */
    NDArray row() {
        return row;
    }

    /**
     * Where each output pixel takes its value from: the content at p goes to M p + shift, as
     * M = {m00, m01; m10, m11} maps the output back.
     * @param affine m00, m01, m10, m11, shiftX, shiftY, each [B, 1, 1]
     * @return the source x and y, each [B, rows, cols]
     */
    NDArray[] sources(NDArray[] affine) {
        NDArray sourceX = affine[0].mul(column).add(affine[1].mul(row)).sub(affine[4]);
        NDArray sourceY = affine[2].mul(column).add(affine[3].mul(row)).sub(affine[5]);
        return new NDArray[] {sourceX, sourceY};
    }

    /**
     * Bilinear sampling of {@code images} ([B, 1, rows, cols]) at positions relative to the centre
     * ([B, rows, cols]), the four neighbours gathered at once from the image framed by a border of
     * background, to which every position outside clips. New arrays live with {@code sourceX}.
     */
    NDArray sample(NDArray images, NDArray sourceX, NDArray sourceY) {
        NDManager scope = sourceX.getManager();
        long b = images.getShape().get(0);
        int framedRows = rows + 2;
        int framedCols = cols + 2;
        NDArray framed = scope.zeros(new Shape(b, framedRows, framedCols));
        framed.set(new NDIndex(":, 1:" + (rows + 1) + ", 1:" + (cols + 1)), images.reshape(b, rows, cols).sub(background));
        NDArray x = sourceX.add((cols - 1) / 2f + 1);
        NDArray y = sourceY.add((rows - 1) / 2f + 1);
        NDArray x0 = x.floor();
        NDArray y0 = y.floor();
        // The four neighbours on a new first axis: (x0, y0), (x0 + 1, y0), (x0, y0 + 1), (x0 + 1, y0 + 1).
        NDArray xs = x0.expandDims(0).add(cornerX).clip(0, framedCols - 1);
        NDArray ys = y0.expandDims(0).add(cornerY).clip(0, framedRows - 1);
        NDArray offsets = scope.arange(0f, (float) b).mul((float) framedRows * framedCols).reshape(1, b, 1, 1);
        NDArray index = ys.mul(framedCols).add(xs).add(offsets).toType(DataType.INT64, false);
        NDArray values = framed.reshape(-1).take(index.reshape(-1)).reshape(4, b, rows, cols);
        // Weights: 1 - wx for the left neighbours (sign -1, plus 1), wx for the right ones; the same down.
        NDArray weightX = x.sub(x0).expandDims(0).mul(signX).add(1).sub(cornerX);
        NDArray weightY = y.sub(y0).expandDims(0).mul(signY).add(1).sub(cornerY);
        return values.mul(weightX.mul(weightY)).sum(new int[] {0}).add(background).reshape(b, 1, rows, cols);
    }
}
