package mnistlab.dsl;

import java.time.Duration;

/**
 * How much a sandboxed script may use while it is evaluated: wall time, and bytes its thread
 * allocates on the Java heap. Both are checked at every loop iteration, closure call and helper
 * method entry; see the threat model in docs/dsl.md.
 *
 * @param timeout         how long evaluating the script may take
 * @param allocationBytes how many bytes the script's thread may allocate in all
 */
public record SandboxLimits(Duration timeout, long allocationBytes) {
    /** Five seconds and 256 MB: a hundred times what the examples need. */
    public static final SandboxLimits DEFAULT = new SandboxLimits(Duration.ofSeconds(5), 256L << 20);

    /**
     * Checks the limits.
     * @param timeout how long evaluating the script may take
     * @param allocationBytes how much the script's thread may allocate
     * @throws IllegalArgumentException for a limit that is not positive
     */
    public SandboxLimits {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the sandbox's time limit must be positive, not " + timeout);
        }
        if (allocationBytes <= 0) {
            throw new IllegalArgumentException("the sandbox's allocation limit must be positive, not " + allocationBytes);
        }
    }

    /**
     * A copy with another time limit.
     * @param value how long evaluating the script may take
     * @return the limits
     */
    public SandboxLimits withTimeout(Duration value) {
        return new SandboxLimits(value, allocationBytes);
    }

    /**
     * A copy with another allocation limit.
     * @param value bytes the script's thread may allocate
     * @return the limits
     */
    public SandboxLimits withAllocationBytes(long value) {
        return new SandboxLimits(timeout, value);
    }
}
