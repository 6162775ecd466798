package mnistlab.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IntraOpThreadsTest {
    /** The count libtorch gives a thread that never set its own. */
    private static int onNewThread(Callable<Integer> work) throws ExecutionException, InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(work).get();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void onlyTheCallingThreadIsLimited() throws Exception {
        Engine.getEngine("PyTorch");
        int usual = onNewThread(JniUtils::getNumThreads);
        assumeTrue(usual > 1, "libtorch uses one thread here anyway");
        CompletableFuture<Integer> limited = new CompletableFuture<>();
        Thread predictions = new Thread(() -> {
            try {
                IntraOpThreads.limitCurrentThread(1);
                limited.complete(JniUtils.getNumThreads());
            } catch (Throwable e) {
                limited.completeExceptionally(e);
            }
        });
        predictions.start();
        predictions.join();
        assertEquals(1, limited.get());
        assertEquals(usual, onNewThread(JniUtils::getNumThreads), "a thread started afterwards");
        assertEquals(usual, JniUtils.getNumThreads(), "a thread that ran operators before");
    }
}
