package mnistlab.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * How many threads libtorch's CPU operators use on the calling thread. libtorch's OpenMP keeps
 * that count per thread, but its setter also changes the process-wide default that threads take
 * on their first operator; {@link #limitCurrentThread} puts that default back, so that only the
 * caller is affected.
 */
public final class IntraOpThreads {
    private IntraOpThreads() {
    }

    /**
     * Runs this thread's later libtorch operators on at most {@code threads} threads.
     *
     * @param threads at least 1
     * @throws InterruptedException if interrupted while the default is put back
     */
    public static void limitCurrentThread(int threads) throws InterruptedException {
        int before = JniUtils.getNumThreads(); // also settles this thread's count before it is changed
        if (threads >= before) {
            return;
        }
        JniUtils.setNumThreads(threads);
        // The setter on another thread: the default goes back, this thread keeps its own count.
        Thread restore = new Thread(() -> JniUtils.setNumThreads(before), "libtorch-threads-default");
        restore.start();
        restore.join();
    }
}
