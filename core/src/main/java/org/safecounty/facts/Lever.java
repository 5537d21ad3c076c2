package org.safecounty.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a county can change to move a reading: one evidence key, and how the reading follows it
 * (reading = key value × multiplier / divisor, kept as a fraction so targets stay exact). A
 * rectification step names the key value to reach, not the reading, because the key is what the
 * county reports. When the reading's denominator is missing the fraction is unknown, and the step
 * names the ratio to reach over {@code of} instead.
 *
 * @param key        the evidence key the county can change
 * @param integral   whether the key counts whole things, so a target is rounded up to a whole number
 * @param multiplier reading = key × multiplier / divisor; {@code null} when not known
 * @param divisor    see {@code multiplier}
 * @param of         the denominator's key, for a ratio whose denominator is not known
 * @param requires   a condition the key's evidence must also meet to count, or {@code null}
 */
record Lever(String key, boolean integral, BigDecimal multiplier, BigDecimal divisor, String of,
             UnmetCondition requires) {

    private static final int FRACTION_DIGITS = 4;

    static Lever ofKey(String key, boolean integral, UnmetCondition requires) {
        return new Lever(key, integral, BigDecimal.ONE, BigDecimal.ONE, null, requires);
    }

    /** The lever of this reading divided by a denominator, which may be unknown (null or 0). */
    Lever over(BigDecimal denominator, String denominatorKey) {
        if (!known()) {
            return this;
        }
        if (denominator == null || denominator.signum() == 0) {
            return new Lever(key, integral, null, null, denominatorKey, requires);
        }
        return new Lever(key, integral, multiplier, divisor.multiply(denominator), null, requires);
    }

    /** The lever of this reading multiplied by {@code factor}. */
    Lever times(BigDecimal factor) {
        return known() ? new Lever(key, integral, multiplier.multiply(factor), divisor, null, requires) : this;
    }

    boolean known() {
        return multiplier != null;
    }

    /**
     * The least key value whose reading reaches {@code readingTarget}: whole for a count, else
     * rounded up to four decimals, so that reaching it always reaches the target.
     */
    BigDecimal keyValueFor(BigDecimal readingTarget) {
        return readingTarget.multiply(divisor)
                .divide(multiplier, integral ? 0 : FRACTION_DIGITS, RoundingMode.CEILING);
    }

    /** The least key value whose reading reaches {@code numerator / denominator}, rounded as above. */
    BigDecimal keyValueFor(BigDecimal numerator, BigDecimal denominator) {
        return numerator.multiply(divisor)
                .divide(denominator.multiply(multiplier), integral ? 0 : FRACTION_DIGITS, RoundingMode.CEILING);
    }

    /** The reading that a key value gives, as a reading the scoring forms accept. */
    Reading readingAt(BigDecimal keyValue) {
        return Reading.fraction(keyValue.multiply(multiplier), divisor, "", "");
    }
}
