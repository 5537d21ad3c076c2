package org.safecounty.facts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import org.safecounty.result.Explanations;
import org.safecounty.result.Label;
import org.safecounty.result.Quantity;

/**
 * A measure as rules see it: a value (kept as an exact fraction, so that 1,368 samples for 342,000
 * residents is exactly 4 per 1,000), or the fact that it is missing or not applicable.
 */
public final class Reading {

    /** What a reading holds. */
    public enum Kind { VALUE, MISSING, NOT_APPLICABLE }

    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private final Kind kind;
    private final BigDecimal numerator;
    private final BigDecimal denominator;
    private final Boolean flag;
    private final Label label;
    private final String origin;
    private final List<String> missingKeys;
    private final Quantity.Shown shown;
    private final Lever lever;

    private Reading(Kind kind, BigDecimal numerator, BigDecimal denominator, Boolean flag, Label label,
                    String origin, List<String> missingKeys) {
        this(kind, numerator, denominator, flag, label, origin, missingKeys, null, null);
    }

    private Reading(Kind kind, BigDecimal numerator, BigDecimal denominator, Boolean flag, Label label,
                    String origin, List<String> missingKeys, Quantity.Shown shown, Lever lever) {
        if (numerator != null && outOfRange(numerator) || denominator != null && outOfRange(denominator)) {
            throw new ArithmeticException("a reading went out of range: " + Explanations.EN.label(label));
        }
        this.kind = kind;
        this.numerator = numerator;
        this.denominator = denominator;
        this.flag = flag;
        this.label = Objects.requireNonNull(label);
        this.origin = origin;
        this.missingKeys = List.copyOf(missingKeys);
        this.shown = shown;
        this.lever = lever;
    }

    private Reading(Kind kind, BigDecimal numerator, BigDecimal denominator, Boolean flag, Label label) {
        this(kind, numerator, denominator, flag, label, null, List.of());
    }

    /**
     * How far a reading's numbers may go (digits and exponent): a county's figures and a pack's
     * parameters stay far inside it, and readings built of readings cannot square their way out.
     */
    private static final int MAX_DIGITS = 120;

    private static boolean outOfRange(BigDecimal d) {
        return d.precision() > MAX_DIGITS || Math.abs((long) d.scale()) > MAX_DIGITS
                || (long) d.precision() - d.scale() > MAX_DIGITS;
    }

    /** The same reading, remembering the submission path it came from (for error messages). */
    public Reading from(String path) {
        return new Reading(kind, numerator, denominator, flag, label, path, missingKeys, shown, lever);
    }

    /** The same reading, moved by the county through {@code lever} (null: nothing it reports moves it). */
    Reading movedBy(Lever lever) {
        return new Reading(kind, numerator, denominator, flag, label, origin, missingKeys, shown, lever);
    }

    /** What the county can change to move this reading, or {@code null}. */
    Lever lever() {
        return lever;
    }

    /** The same reading, shown in explanations this way when it has a value. */
    Reading shownAs(Quantity.Shown shown) {
        return new Reading(kind, numerator, denominator, flag, label, origin, missingKeys, shown, lever);
    }

    /** The submission path this reading came from, or {@code null} for a derived reading. */
    public String origin() {
        return origin;
    }

    public static Reading of(BigDecimal value, String zh, String en) {
        return of(value, Label.text(zh, en));
    }

    static Reading of(BigDecimal value, Label label) {
        return new Reading(Kind.VALUE, Objects.requireNonNull(value), BigDecimal.ONE, null, label);
    }

    public static Reading ofFlag(boolean value, String zh, String en) {
        return ofFlag(value, Label.text(zh, en));
    }

    static Reading ofFlag(boolean value, Label label) {
        return new Reading(Kind.VALUE, value ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ONE, value, label);
    }

    public static Reading fraction(BigDecimal numerator, BigDecimal denominator, String zh, String en) {
        return fraction(numerator, denominator, Label.text(zh, en));
    }

    static Reading fraction(BigDecimal numerator, BigDecimal denominator, Label label) {
        if (denominator.signum() == 0) {
            return notApplicable(label);
        }
        return new Reading(Kind.VALUE, numerator, denominator, null, label);
    }

    public static Reading missing(String zh, String en) {
        return new Reading(Kind.MISSING, null, null, null, Label.text(zh, en));
    }

    /** A missing reading that remembers which keys were missing. */
    public static Reading missingOf(List<String> keys, String zh, String en) {
        return missingOf(keys, Label.text(zh, en));
    }

    static Reading missingOf(List<String> keys, Label label) {
        return new Reading(Kind.MISSING, null, null, null, label, null, keys);
    }

    /** A reading derived from two others: missing when either is, with both's missing keys. */
    static Reading missingOf(Reading a, Reading b, Label label) {
        List<String> keys = new java.util.ArrayList<>(a.missingKeys);
        b.missingKeys.stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return missingOf(keys, label);
    }

    /** The keys whose absence made this reading missing. */
    public List<String> missingKeys() {
        return missingKeys;
    }

    public static Reading notApplicable(String zh, String en) {
        return notApplicable(Label.text(zh, en));
    }

    static Reading notApplicable(Label label) {
        return new Reading(Kind.NOT_APPLICABLE, null, null, null, label);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMissing() {
        return kind == Kind.MISSING;
    }

    public boolean isNotApplicable() {
        return kind == Kind.NOT_APPLICABLE;
    }

    public boolean hasValue() {
        return kind == Kind.VALUE;
    }

    /** True only for a flag reading that holds {@code true}. */
    public boolean isTrue() {
        return hasValue() && Boolean.TRUE.equals(flag);
    }

    public boolean isFlag() {
        return flag != null;
    }

    /** What this reading is called, as data. */
    public Label label() {
        return label;
    }

    /** What this reading is called, in Chinese (rendered now: explanations render it only when written). */
    public String zh() {
        return Explanations.ZH.label(label);
    }

    /** What this reading is called, in English. */
    public String en() {
        return Explanations.EN.label(label);
    }

    /** The value as explanations show it. */
    public Quantity quantity() {
        return switch (kind) {
            case MISSING -> Quantity.MISSING;
            case NOT_APPLICABLE -> Quantity.NOT_APPLICABLE;
            case VALUE -> new Quantity(Quantity.Kind.VALUE, numerator, denominator, flag, shown);
        };
    }

    BigDecimal numerator() {
        return numerator;
    }

    BigDecimal denominator() {
        return denominator;
    }

    /** The value as a decimal; for a fraction that does not terminate, 34 significant digits. */
    public BigDecimal value() {
        requireValue();
        if (denominator.compareTo(BigDecimal.ONE) == 0) {
            return numerator;
        }
        return numerator.divide(denominator, DIVISION);
    }

    /** value ≥ threshold, compared exactly; false when missing or not applicable. */
    public boolean atLeast(Number threshold) {
        return hasValue() && numerator.compareTo(decimal(threshold).multiply(denominator)) >= 0;
    }

    /** value &lt; threshold, compared exactly; false when missing or not applicable. */
    public boolean below(Number threshold) {
        return hasValue() && !atLeast(threshold);
    }

    /** value &gt; threshold, compared exactly; false when missing or not applicable. */
    public boolean above(Number threshold) {
        return hasValue() && numerator.compareTo(decimal(threshold).multiply(denominator)) > 0;
    }

    /**
     * points × min(1, value / target), proportional scoring, in one exact division so that a result
     * such as 3 × (2/12) / 0.8 = 0.625 stays exact for rounding.
     */
    public BigDecimal proportionOf(Number points, Number target) {
        requireValue();
        BigDecimal p = decimal(points);
        BigDecimal t = decimal(target);
        if (t.signum() <= 0) {
            throw new IllegalArgumentException("a proportional target must be above 0, was " + t);
        }
        BigDecimal earned = p.multiply(numerator).divide(denominator.multiply(t), DIVISION);
        return earned.min(p);
    }

    /** A plain rendering for explanations: 6, 46/50 = 0.92, 是 / yes. */
    public String display(boolean chinese) {
        return (chinese ? Explanations.ZH : Explanations.EN).value(quantity());
    }

    static String plain(BigDecimal d) {
        return Explanations.plain(d);
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(n.toString());
    }

    private void requireValue() {
        if (!hasValue()) {
            throw new IllegalStateException(en() + " has no value (" + kind + ")");
        }
    }

    @Override
    public String toString() {
        return en() + " = " + display(false);
    }
}
