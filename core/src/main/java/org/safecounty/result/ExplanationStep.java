package org.safecounty.result;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One step of an item's explanation, as data: what kind of step it is, what it read (its
 * {@link Label} names the key or keys), the value it read, the threshold or target it compared
 * with and the points. {@link Explanations} writes it in a language; nothing is worded while
 * a county is scored.
 *
 * <p>Which fields a step fills depends on its kind:
 * <table>
 * <caption>fields by kind</caption>
 * <tr><th>kind</th><th>value</th><th>threshold</th><th>points</th><th>amount</th></tr>
 * <tr><td>STEPPED_REACHED</td><td>yes</td><td>the band reached</td><td>the band's points</td><td></td></tr>
 * <tr><td>STEPPED_BELOW</td><td>yes</td><td>the lowest band</td><td></td><td></td></tr>
 * <tr><td>PROPORTIONAL</td><td>yes</td><td>the target</td><td>full points</td><td>points earned (exact)</td></tr>
 * <tr><td>YES, NOT_APPLICABLE_FULL</td><td></td><td></td><td>points earned</td><td></td></tr>
 * <tr><td>DEDUCTION</td><td>the count</td><td></td><td>points off each</td><td>points taken off</td></tr>
 * <tr><td>VETO_BELOW, VETO_NOT_BELOW</td><td>yes</td><td>the veto's threshold</td><td></td><td></td></tr>
 * <tr><td>VETO_STATED</td><td>yes</td><td></td><td></td><td></td></tr>
 * <tr><td>VETO_LISTED</td><td></td><td></td><td></td><td></td></tr>
 * </table>
 * The other kinds (NO, NOT_APPLICABLE_ZERO, MISSING, DEDUCTION_MISSING, VETO_YES, VETO_NONE) need
 * only their subject. {@code incidents} is empty except for VETO_LISTED.
 *
 * @param subject what the step read
 */
public record ExplanationStep(Kind kind, Label subject, Quantity value, BigDecimal threshold, BigDecimal points,
                              BigDecimal amount, List<Incident> incidents) {

    /** The kinds of step the scoring forms and veto checks take. */
    public enum Kind {
        /** A stepped scale: the reading reached a band. */
        STEPPED_REACHED,
        /** A stepped scale: the reading is below the lowest band, 0 points. */
        STEPPED_BELOW,
        /** points × min(1, value / target). */
        PROPORTIONAL,
        /** A true/false part that is true. */
        YES,
        /** A true/false part that is false, 0 points. */
        NO,
        /** A part that does not apply, scoring 0 (the pack says so). */
        NOT_APPLICABLE_ZERO,
        /** A part that does not apply, scoring its full points. */
        NOT_APPLICABLE_FULL,
        /** A scored part without its evidence, 0 points. */
        MISSING,
        /** Points off per occurrence. */
        DEDUCTION,
        /** A deduction whose count is missing. */
        DEDUCTION_MISSING,
        /** A veto's reading is below its threshold: vetoed. */
        VETO_BELOW,
        /** A veto's reading is not below its threshold. */
        VETO_NOT_BELOW,
        /** What a veto read, as it is (missing, not applicable, no). */
        VETO_STATED,
        /** A veto's flag is true: vetoed. */
        VETO_YES,
        /** A veto's list of incidents is empty. */
        VETO_NONE,
        /** A veto's list of incidents, which vetoes. */
        VETO_LISTED
    }

    /** An incident a veto lists: its id and level. */
    public record Incident(String id, String level) {
    }

    public ExplanationStep {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(subject);
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    /** A step that reads only its subject. */
    public static ExplanationStep of(Kind kind, Label subject) {
        return new ExplanationStep(kind, subject, null, null, null, null, List.of());
    }

    /** A step with a value read, a threshold and points. */
    public static ExplanationStep of(Kind kind, Label subject, Quantity value, BigDecimal threshold, BigDecimal points) {
        return new ExplanationStep(kind, subject, value, threshold, points, null, List.of());
    }

    /** The keys the step read. */
    public List<String> keys() {
        return subject.keys();
    }
}
