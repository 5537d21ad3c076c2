package org.safecounty.internal.rules;

import java.time.Duration;

/**
 * What one county's run of the rules may take: how many rule firings, and how long. A pack's
 * compiled rule code has no loops ({@link BytecodeCheck}), so each firing is short; these bound how
 * many there are (an {@code update} cycle) and the time they take together. A county that reaches
 * either is rejected with an error naming the rule, and the next county is assessed as usual.
 *
 * @param maxFirings most rule firings for one county, both phases together
 * @param deadline   most wall-clock time for one county's rules
 * @param maxBytes   most memory one county's rules may allocate, measured on the thread that runs
 *                   them where the JVM can tell (HotSpot can); the heap every county shares is
 *                   guarded this way rather than by waiting for an {@code OutOfMemoryError}
 */
public record RunLimits(int maxFirings, Duration deadline, long maxBytes) {

    /** Ten thousand firings (a pack fires about one per catalogue item), two seconds, 256 MiB. */
    public static final RunLimits DEFAULT = new RunLimits(10_000, Duration.ofSeconds(2), 256L << 20);

    public RunLimits {
        if (maxFirings < 1 || deadline.isNegative() || deadline.isZero() || maxBytes < 1) {
            throw new IllegalArgumentException("run limits must be positive: " + maxFirings + ", " + deadline
                    + ", " + maxBytes);
        }
    }

    /** The given firings and time, and the default memory. */
    public RunLimits(int maxFirings, Duration deadline) {
        this(maxFirings, deadline, DEFAULT.maxBytes());
    }
}
