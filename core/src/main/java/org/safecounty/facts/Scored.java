package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.safecounty.internal.pack.Scoring;
import org.safecounty.result.ExplanationStep.Kind;
import org.safecounty.result.ExplanationStep;

/**
 * A worksheet that earns points: the scoring forms of the standard (stepped, proportional, a
 * true/false award, a deduction per occurrence). Each call scores one part and explains it.
 */
public abstract class Scored extends Worksheet {

    private BigDecimal points = BigDecimal.ZERO;
    private int notApplicableParts;
    private final List<ScoringPart> parts = new ArrayList<>();
    private final List<Deduction> deductions = new ArrayList<>();
    private final Map<String, BigDecimal> missingGains = new LinkedHashMap<>();

    protected Scored(String id, CountyFacts facts) {
        super(id, facts);
    }

    /** The first band that the reading reaches gives its points; a missing reading scores 0. */
    public BigDecimal stepped(Reading reading, List<Band> bands) {
        BigDecimal earned = steppedPart(reading, bands);
        parts.add(ScoringPart.stepped(reading, bands, earned));
        return earned;
    }

    private BigDecimal steppedPart(Reading reading, List<Band> bands) {
        BigDecimal withoutValue = startPart(reading, bands.get(0).points());
        if (withoutValue != null) {
            return withoutValue;
        }
        for (Band band : bands) {
            if (reading.atLeast(band.atLeast())) {
                explain(ExplanationStep.of(Kind.STEPPED_REACHED, reading.label(), reading.quantity(), band.atLeast(),
                        band.points()));
                return band.points();
            }
        }
        explain(ExplanationStep.of(Kind.STEPPED_BELOW, reading.label(), reading.quantity(),
                bands.get(bands.size() - 1).atLeast(), null));
        return BigDecimal.ZERO;
    }

    /** {@code points} when the reading reaches {@code minimum}: a stepped scale of one band. */
    public BigDecimal reaches(Reading reading, Number minimum, Number points) {
        return stepped(reading, List.of(new Band(Reading.decimal(minimum), Reading.decimal(points))));
    }

    /** points × min(1, value / target); a missing reading scores 0. */
    public BigDecimal proportional(Reading reading, Number points, Number target) {
        BigDecimal full = Reading.decimal(points);
        BigDecimal withoutValue = startPart(reading, full);
        if (withoutValue != null) {
            parts.add(ScoringPart.proportional(reading, full, Reading.decimal(target), withoutValue));
            return withoutValue;
        }
        BigDecimal earned = reading.proportionOf(full, target);
        parts.add(ScoringPart.proportional(reading, full, Reading.decimal(target), earned));
        explain(new ExplanationStep(Kind.PROPORTIONAL, reading.label(), reading.quantity(), Reading.decimal(target),
                full, earned, List.of()));
        return earned;
    }

    /** {@code points} when the flag is true, else 0 (a missing flag scores 0). */
    public BigDecimal when(Reading flag, Number points) {
        BigDecimal p = Reading.decimal(points);
        BigDecimal earned = flagPart(flag, p);
        parts.add(ScoringPart.flag(flag, p, earned));
        return earned;
    }

    private BigDecimal flagPart(Reading flag, BigDecimal p) {
        if (flag.isMissing()) {
            missingPart(flag, p);
            return BigDecimal.ZERO;
        }
        if (flag.isTrue()) {
            explain(ExplanationStep.of(Kind.YES, flag.label(), null, null, p));
            return p;
        }
        explain(ExplanationStep.of(Kind.NO, flag.label()));
        return BigDecimal.ZERO;
    }

    /**
     * Counts a part; for a reading without a value returns its points at once (0 when missing, the
     * part's full points when not applicable), otherwise {@code null}.
     */
    private BigDecimal startPart(Reading reading, BigDecimal full) {
        if (reading.isMissing()) {
            missingPart(reading, full);
            return BigDecimal.ZERO;
        }
        if (reading.isNotApplicable()) {
            notApplicableParts++;
            if (facts().notApplicable() == Scoring.NotApplicable.ZERO) {
                explain(ExplanationStep.of(Kind.NOT_APPLICABLE_ZERO, reading.label()));
                return BigDecimal.ZERO;
            }
            explain(ExplanationStep.of(Kind.NOT_APPLICABLE_FULL, reading.label(), null, null, full));
            return full;
        }
        return null;
    }

    /** A part without its evidence scores 0; supplying each missing key could bring the part's points. */
    private void missingPart(Reading reading, BigDecimal full) {
        explain(ExplanationStep.of(Kind.MISSING, reading.label()));
        needs(reading);
        reading.missingKeys().forEach(k -> missingGains.merge(k, full, BigDecimal::add));
    }

    /** For each missing key, the points of the parts it left at 0. */
    public Map<String, BigDecimal> missingGains() {
        return Map.copyOf(missingGains);
    }

    /** Adds points earned by a part. */
    public void award(BigDecimal earned) {
        points = points.add(earned);
    }

    /** Deducts {@code each} per occurrence counted in {@code count}, never below 0. */
    public void deductEach(Reading count, Number each) {
        if (count.isMissing()) {
            needs(count);
            explain(ExplanationStep.of(Kind.DEDUCTION_MISSING, count.label()));
            return;
        }
        deductions.add(new Deduction(count, Reading.decimal(each)));
        if (!count.hasValue() || count.value().signum() == 0) {
            return;
        }
        BigDecimal cut = count.value().multiply(Reading.decimal(each));
        BigDecimal before = points;
        points = points.subtract(cut).max(BigDecimal.ZERO);
        explain(new ExplanationStep(Kind.DEDUCTION, count.label(), count.quantity(), null, Reading.decimal(each),
                before.subtract(points), List.of()));
    }

    public BigDecimal points() {
        return points;
    }

    /** True when every part scored was not applicable. */
    public boolean allPartsNotApplicable() {
        return !parts.isEmpty() && notApplicableParts == parts.size();
    }

    /**
     * The changes the county can make that lift this item to {@code floor} points, each with the
     * points it earns; empty when the parts the rules scored do not add up to the item's points
     * (a rule that scored in a way these forms do not describe) or no change reaches the floor.
     */
    Optional<FloorPlan.Plan> planToReach(BigDecimal floor) {
        BigDecimal sum = parts.stream().map(ScoringPart::earned).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal cut = deductions.stream().map(Deduction::cut).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.subtract(cut).max(BigDecimal.ZERO).compareTo(points) != 0) {
            return Optional.empty();
        }
        return FloorPlan.reach(List.copyOf(parts), List.copyOf(deductions), floor, facts());
    }
}
