package org.safecounty.testkit;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The choices a generator makes, drawn from any source: a seeded random, a property-testing
 * library's randomness (which can then shrink each choice towards its lower bound), or a fixed
 * script. Generators put the simplest choice at the lower bound.
 */
@FunctionalInterface
public interface Draws {

    /** A whole number from {@code min} to {@code max}, both included. */
    long between(long min, long max);

    /** True about once in {@code n} draws; shrinks to false. */
    default boolean oneIn(int n) {
        return between(0, n - 1) == n - 1;
    }

    /** One of the values; shrinks to the first. */
    default <T> T pick(List<T> values) {
        return values.get((int) between(0, values.size() - 1));
    }

    /** Reproducible draws from a seed. */
    static Draws seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (min, max) -> max == Long.MAX_VALUE && min == Long.MIN_VALUE ? random.nextLong()
                : min + random.nextLong(max - min + 1);
    }
}
