package mnistlab.engine;

import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingListener;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Hands the native memory libtorch has freed back to the kernel, through the JVM's own
 * {@code System.trim_native_heap} diagnostic command (glibc's {@code malloc_trim}). glibc keeps
 * freed blocks in its arenas, so an evaluation's larger batches or a checkpoint's buffers could
 * leave the RSS a step higher after each epoch; trimmed at epoch ends, what stays is what lives.
 * Where the JVM has no such command (other C libraries, older JDKs) nothing happens.
 */
final class NativeHeap {
    private static volatile boolean unavailable;

    /** Trims at each epoch's end, after its evaluation and checkpoint. */
    static final TrainingListener AT_EPOCH_ENDS = new TrainingListener() {
        @Override
        public void onEpoch(EpochMetrics metrics) {
            trim();
        }
    };

    private NativeHeap() {
    }

    static void trim() {
        if (unavailable) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {null}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            unavailable = true; // an optimisation only: training goes on as before
        }
    }
}
