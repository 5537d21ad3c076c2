package org.safecounty.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.safecounty.result.RectificationStep;

/**
 * The fewest changes a county can actually make that lift an item to a floor: it tries one
 * changed part, then two, and so on, and among the changes of one size takes the one that ends
 * nearest the floor (the first band that reaches it), earlier parts first on a tie. A stepped part
 * moves to one of its bands, a yes/no part becomes yes, and at most one continuous change is
 * worked out exactly: the value a proportional part needs, or how few deducted occurrences are left.
 */
final class FloorPlan {

    /** The changes and the item's score after them. */
    record Plan(List<RectificationStep> steps, BigDecimal score) {
    }

    /** One part that can change: discrete options, or a continuous change worked out in the end. */
    private record Slot(int part, List<Option> options, boolean continuous) {
    }

    private record Option(int part, List<RectificationStep> steps, BigDecimal points) {
    }

    private static final int MAX_SLOTS = 8;
    /** How many plans are tried at most, so that a pack with many parts and bands stays quick. */
    private static final int MAX_TRIES = 2_000;

    private final List<ScoringPart> parts;
    private final List<Deduction> deductions;
    private final BigDecimal floor;
    private final CountyFacts facts;

    private FloorPlan(List<ScoringPart> parts, List<Deduction> deductions, BigDecimal floor, CountyFacts facts) {
        this.parts = parts;
        this.deductions = deductions;
        this.floor = floor;
        this.facts = facts;
    }

    /**
     * The plan that lifts the item scored by these parts to {@code floor} points, if one exists;
     * every key value it names keeps the county's other evidence consistent.
     */
    static Optional<Plan> reach(List<ScoringPart> parts, List<Deduction> deductions, BigDecimal floor,
                                CountyFacts facts) {
        return new FloorPlan(parts, deductions, floor, facts).search();
    }

    private Optional<Plan> search() {
        List<Slot> slots = slots();
        if (slots.size() > MAX_SLOTS) {
            return Optional.empty();
        }
        int tries = 0;
        for (int k = 1; k <= slots.size(); k++) {
            Plan best = null;
            for (List<Slot> combo : combinations(slots, k)) {
                if (tries > MAX_TRIES) {
                    return Optional.ofNullable(best);
                }
                if (combo.stream().filter(Slot::continuous).count() > 1) {
                    continue;
                }
                Slot continuous = combo.stream().filter(Slot::continuous).findFirst().orElse(null);
                List<Slot> discrete = combo.stream().filter(s -> !s.continuous()).toList();
                List<List<Option>> choices = choices(discrete, MAX_TRIES - tries);
                tries += Math.max(1, choices.size());
                for (List<Option> choice : choices) {
                    Plan plan = complete(choice, continuous);
                    if (plan != null && (best == null || plan.score().compareTo(best.score()) < 0)) {
                        best = plan;
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (int n = 0; n < parts.size(); n++) {
            ScoringPart part = parts.get(n);
            if (!part.movable()) {
                continue;
            }
            if (part.form() == ScoringPart.Form.PROPORTIONAL) {
                slots.add(new Slot(n, List.of(), true));
            } else {
                List<Option> options = options(n, part);
                if (!options.isEmpty()) {
                    slots.add(new Slot(n, options, false));
                }
            }
        }
        for (int d = 0; d < deductions.size(); d++) {
            if (deductions.get(d).movable()) {
                slots.add(new Slot(parts.size() + d, List.of(), true));
            }
        }
        return slots;
    }

    private List<Option> options(int n, ScoringPart part) {
        Reading reading = part.reading();
        Lever lever = reading.lever();
        if (part.form() == ScoringPart.Form.FLAG) {
            return List.of(new Option(n, List.of(step("SET_TRUE", lever, null, part.full(),
                    part.full().subtract(part.earned()))), part.full()));
        }
        List<Option> options = new ArrayList<>();
        for (Band band : part.bands()) {
            if (band.points().compareTo(part.earned()) <= 0) {
                continue;
            }
            if (lever.known()) {
                BigDecimal keyValue = consistent(lever.key(), lever.keyValueFor(band.atLeast()));
                if (keyValue == null) {
                    continue;
                }
                BigDecimal points = part.steppedPoints(lever.readingAt(keyValue));
                String action = reading.isMissing() ? "SUPPLY_AT_LEAST" : "RAISE_TO";
                options.add(new Option(n, List.of(step(action, lever, keyValue, points, points.subtract(part.earned()))),
                        points));
            } else {
                options.add(new Option(n, List.of(step("RAISE_RATIO_TO", lever, band.atLeast(), band.points(),
                        band.points().subtract(part.earned()))), band.points()));
            }
        }
        return options;
    }

    /** One change of a plan: a part's new points, or (part −1) the total cut after a deduction is reduced. */
    private record Change(int part, BigDecimal after, RectificationStep step) {
    }

    private Plan complete(List<Option> choice, Slot continuous) {
        BigDecimal[] points = parts.stream().map(ScoringPart::earned).toArray(BigDecimal[]::new);
        List<Change> changes = new ArrayList<>();
        for (Option o : choice) {
            points[o.part()] = o.points();
            o.steps().forEach(st -> changes.add(new Change(o.part(), o.points(), st)));
        }
        BigDecimal cut = deductions.stream().map(Deduction::cut).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal base = sum(points);
        if (continuous != null && continuous.part() < parts.size()) {
            RectificationStep step = proportional(continuous.part(), base, cut, points);
            if (step == null) {
                return null;
            }
            changes.add(new Change(continuous.part(), points[continuous.part()], step));
            base = sum(points);
        } else if (continuous != null) {
            Deduction deduction = deductions.get(continuous.part() - parts.size());
            BigDecimal otherCuts = cut.subtract(deduction.cut());
            BigDecimal allowed = base.subtract(otherCuts).subtract(floor);
            if (allowed.signum() < 0) {
                return null;
            }
            BigDecimal left = allowed.divide(deduction.each(), 0, RoundingMode.FLOOR);
            if (left.compareTo(deduction.occurrences()) >= 0) {
                return null;
            }
            cut = otherCuts.add(left.multiply(deduction.each()));
            changes.add(new Change(-1, cut, step("REDUCE_TO", deduction.count().lever(), left, null, null)));
        }
        BigDecimal score = base.subtract(cut).max(BigDecimal.ZERO);
        if (score.compareTo(floor) < 0) {
            return null;
        }
        List<RectificationStep> steps = withGains(changes);
        steps.addAll(0, conditions(steps));
        return new Plan(List.copyOf(steps), score);
    }

    /**
     * The steps in the order a county would take them — a deduction first, then the parts in
     * order — each with what it adds to the score after the ones before it, so that the gains add
     * up to the plan's gain even where the score is held at 0.
     */
    private List<RectificationStep> withGains(List<Change> changes) {
        List<Change> ordered = new ArrayList<>(changes);
        ordered.sort(java.util.Comparator.comparingInt(Change::part));
        BigDecimal[] points = parts.stream().map(ScoringPart::earned).toArray(BigDecimal[]::new);
        BigDecimal cut = deductions.stream().map(Deduction::cut).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal before = sum(points).subtract(cut).max(BigDecimal.ZERO);
        List<RectificationStep> steps = new ArrayList<>();
        for (Change c : ordered) {
            if (c.part() < 0) {
                cut = c.after();
            } else {
                points[c.part()] = c.after();
            }
            BigDecimal after = sum(points).subtract(cut).max(BigDecimal.ZERO);
            RectificationStep s = c.step();
            steps.add(new RectificationStep(s.action(), s.key(), s.of(), s.target(), s.points(), plain(after.subtract(before))));
            before = after;
        }
        return steps;
    }

    /** The value a proportional part needs so that the item reaches the floor; sets its points. */
    private RectificationStep proportional(int n, BigDecimal base, BigDecimal cut, BigDecimal[] points) {
        ScoringPart part = parts.get(n);
        BigDecimal others = base.subtract(points[n]);
        BigDecimal needed = floor.add(cut).subtract(others);
        if (needed.compareTo(part.earned()) <= 0 || needed.compareTo(part.full()) > 0) {
            return null;
        }
        Lever lever = part.reading().lever();
        String action = part.reading().isMissing() ? "SUPPLY_AT_LEAST" : "RAISE_TO";
        BigDecimal target;
        BigDecimal earned;
        if (lever.known()) {
            target = consistent(lever.key(), lever.keyValueFor(needed.multiply(part.target()), part.full()));
            if (target == null) {
                return null;
            }
            earned = lever.readingAt(target).proportionOf(part.full(), part.target());
        } else {
            action = "RAISE_RATIO_TO";
            target = needed.multiply(part.target()).divide(part.full(), 4, RoundingMode.CEILING);
            earned = Reading.fraction(target, BigDecimal.ONE, "", "").proportionOf(part.full(), part.target());
        }
        points[n] = earned;
        return step(action, lever, target, earned, null);
    }

    /**
     * The value to name for {@code key}: at least what the evidence it bounds needs (a denominator
     * no lower than its numerator); {@code null} when that is above the key's own bound.
     */
    private BigDecimal consistent(String key, BigDecimal value) {
        BigDecimal v = facts.lowestConsistent(key).map(value::max).orElse(value);
        return facts.highestConsistent(key).filter(high -> v.compareTo(high) > 0).isPresent() ? null : v;
    }

    /** The conditions the changed keys must meet to count (a valid survey), once each, as first steps. */
    private List<RectificationStep> conditions(List<RectificationStep> steps) {
        List<RectificationStep> conditions = new ArrayList<>();
        for (RectificationStep step : steps) {
            UnmetCondition c = requirement(step.key());
            if (c == null) {
                continue;
            }
            RectificationStep condition = new RectificationStep(c.counted() ? "RAISE_TO" : "SUPPLY_AT_LEAST", c.key(),
                    null, plain(c.atLeast()), null, BigDecimal.ZERO);
            if (!conditions.contains(condition)) {
                conditions.add(condition);
            }
        }
        return conditions;
    }

    private UnmetCondition requirement(String key) {
        for (ScoringPart part : parts) {
            Lever lever = part.reading().lever();
            if (lever != null && lever.key().equals(key) && lever.requires() != null) {
                return lever.requires();
            }
        }
        return null;
    }

    private static RectificationStep step(String action, Lever lever, BigDecimal target, BigDecimal points,
                                          BigDecimal gain) {
        return new RectificationStep(action, lever.key(), lever.known() ? null : lever.of(),
                target == null ? null : plain(target), points, gain);
    }

    /** 70, not 7E+1: trailing zeros dropped without an exponent. */
    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal sum(BigDecimal[] points) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal p : points) {
            total = total.add(p);
        }
        return total;
    }

    private static List<List<Slot>> combinations(List<Slot> slots, int k) {
        List<List<Slot>> out = new ArrayList<>();
        combine(slots, k, 0, new ArrayList<>(), out);
        return out;
    }

    private static void combine(List<Slot> slots, int k, int from, List<Slot> taken, List<List<Slot>> out) {
        if (taken.size() == k) {
            out.add(List.copyOf(taken));
            return;
        }
        for (int n = from; n < slots.size(); n++) {
            taken.add(slots.get(n));
            combine(slots, k, n + 1, taken, out);
            taken.remove(taken.size() - 1);
        }
    }

    /** Every way of taking one option of each slot, at most {@code budget} of them. */
    private static List<List<Option>> choices(List<Slot> discrete, int budget) {
        List<List<Option>> out = new ArrayList<>();
        out.add(List.of());
        for (Slot slot : discrete) {
            List<List<Option>> next = new ArrayList<>();
            for (List<Option> partial : out) {
                if (next.size() > budget) {
                    break;
                }
                for (Option o : slot.options()) {
                    List<Option> extended = new ArrayList<>(partial);
                    extended.add(o);
                    next.add(extended);
                }
            }
            out = next;
        }
        return out;
    }
}
