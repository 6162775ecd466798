package mnistlab.dsl;

import com.sun.management.ThreadMXBean;
import mnistlab.i18n.Messages;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Enforces {@link SandboxLimits}: a sandboxed script runs on a thread of its own, and the
 * compiler puts a call to {@link #checkpoint()} at the start of every loop body, closure and
 * helper method, which ends the script once its time or allocation budget is spent. No single
 * operation a sandboxed script may use grows much beyond what it already built, so checks there
 * bound the whole run; the caller still stops waiting a second after the time limit.
 */
public final class SandboxGuard {
    private static final long GRACE_MILLIS = 1000;
    private static final long STACK_BYTES = 4L << 20;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    private SandboxGuard() {
    }

    /** What a sandboxed script has left; one per script thread. */
    private record Budget(SandboxLimits limits, long deadline, long allocationEnd) {
    }

    /** Thrown at a checkpoint once the budget is spent; the script's frames locate it. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    /** Called by compiled sandboxed scripts only; outside a sandboxed evaluation it does nothing. */
    public static void checkpoint() {
        Budget budget = BUDGET.get();
        if (budget == null) {
            return;
        }
        if (Thread.currentThread().isInterrupted() || System.nanoTime() > budget.deadline()) {
            throw new LimitExceeded(timeMessage(budget.limits()));
        }
        if (THREADS.getCurrentThreadAllocatedBytes() > budget.allocationEnd()) {
            throw new LimitExceeded(Messages.get("sandbox.memory", budget.limits().allocationBytes() >> 20));
        }
    }

    private static String timeMessage(SandboxLimits limits) {
        return Messages.get("sandbox.time", limits.timeout().toMillis() / 1000.0);
    }

    /**
     * Runs {@code body} on a fresh thread under the limits and returns its result, or throws what
     * it threw. When the body outlives the limit by a second (inside one long built-in
     * operation), throws {@link LimitExceeded} with the script's stack at that moment and leaves
     * the interrupted thread to end at its next checkpoint.
     */
    static <T> T run(SandboxLimits limits, Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            long timeout = limits.timeout().toNanos();
            BUDGET.set(new Budget(limits, System.nanoTime() + timeout,
                    THREADS.getCurrentThreadAllocatedBytes() + limits.allocationBytes()));
            try {
                return body.call();
            } finally {
                BUDGET.remove();
            }
        });
        Thread thread = new Thread(null, task, "mnist-lab sandboxed script", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(limits.timeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        } catch (TimeoutException e) {
            LimitExceeded stuck = new LimitExceeded(timeMessage(limits));
            stuck.setStackTrace(thread.getStackTrace());
            thread.interrupt();
            throw stuck;
        }
    }
}
