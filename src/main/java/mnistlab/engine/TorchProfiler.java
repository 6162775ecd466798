package mnistlab.engine;

import ai.djl.pytorch.jni.JniUtils;

import java.nio.file.Path;

/**
 * libtorch's own operator profiler, the one {@code torch.profiler} wraps: what a benchmark needs to
 * compare mnist-lab with PyTorch operator by operator ({@code bench/profile_ops.py} reads both traces).
 */
public final class TorchProfiler {

    private TorchProfiler() {
    }

    /** Starts recording every operator libtorch runs, on the CPU. */
    public static void start() {
        JniUtils.startProfile(false, false, false);
    }

    /**
     * Stops recording and writes what was recorded.
     * @param trace the Chrome trace (JSON) to write
     */
    public static void stop(Path trace) {
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
    }
}
