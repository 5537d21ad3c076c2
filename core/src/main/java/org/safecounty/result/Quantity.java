package org.safecounty.result;

import java.math.BigDecimal;

/**
 * A reading's value as an explanation shows it: missing, not applicable, a yes/no, a number or an
 * exact fraction, and how a few values are worked out ({@link Shown}). Data only; the words come
 * from {@link Explanations}.
 *
 * @param numerator   the value, or the numerator of a fraction ({@code null} without a value)
 * @param denominator 1 for a plain value ({@code null} without a value)
 * @param flag        the yes/no of a true/false reading, else {@code null}
 * @param shown       how the value is shown when it is not simply its number, else {@code null}
 */
public record Quantity(Kind kind, BigDecimal numerator, BigDecimal denominator, Boolean flag, Shown shown) {

    /** What a reading holds. */
    public enum Kind { VALUE, MISSING, NOT_APPLICABLE }

    public static final Quantity MISSING = new Quantity(Kind.MISSING, null, null, null, null);
    public static final Quantity NOT_APPLICABLE = new Quantity(Kind.NOT_APPLICABLE, null, null, null, null);

    /** How a value is shown when its number alone would not say enough. */
    public sealed interface Shown {
    }

    /** A key not counted whose bound is 0, so it is 0 too. */
    public record BoundZero() implements Shown {
    }

    /**
     * A rate: count × unit / base, shown truncated to four places (so that 3.99997 never shows as 4)
     * and then how it was worked out.
     */
    public record Rate(BigDecimal count, BigDecimal base, BigDecimal unit) implements Shown {
    }
}
