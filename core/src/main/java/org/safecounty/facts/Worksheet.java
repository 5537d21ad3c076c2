package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.ExplanationStep;
import org.safecounty.result.Label;
import org.safecounty.result.Problem;
import org.safecounty.result.Quantity;

/**
 * What one rule fills in for one item of the catalogue (an indicator, a bonus item, a veto): the
 * readings it took, the evidence that counted, the keys that were missing and its explanation.
 * Rules read measures through it so that nothing they use goes unrecorded.
 */
public abstract class Worksheet {

    private final String id;
    private final CountyFacts facts;
    private final Set<String> evidence = new LinkedHashSet<>();
    private final Set<String> missingKeys = new LinkedHashSet<>();
    private final Map<String, String> documents = new LinkedHashMap<>();
    private final List<ExplanationStep> steps = new ArrayList<>();
    private final List<String> rules = new ArrayList<>();

    protected Worksheet(String id, CountyFacts facts) {
        this.id = id;
        this.facts = facts;
    }

    /** The county's facts this worksheet reads. */
    CountyFacts facts() {
        return facts;
    }

    public String getId() {
        return id;
    }

    /**
     * The counted value of a number key, or a missing reading. Reading a key does not yet make it
     * missing: a key is missing only when a part that scores, or a veto that decides, needs it.
     */
    public Reading value(String key) {
        KeySpec spec = facts.key(key);
        Lever lever = Lever.ofKey(spec.name(), spec.type() == KeyType.COUNT, facts.unmet(key));
        CountedEvidence counted = facts.counted(key);
        Label label = facts.label(key);
        if (counted == null) {
            if (facts.fixedAtZero(key)) {
                return Reading.of(BigDecimal.ZERO, label).shownAs(BOUND_ZERO).movedBy(lever);
            }
            return absent(spec, label).movedBy(lever);
        }
        evidence.add(counted.id());
        if (counted.document() != null && !counted.document().isBlank()) {
            documents.putIfAbsent(counted.id(), counted.document());
        }
        Reading reading = counted.value() instanceof Boolean b
                ? Reading.ofFlag(b, label)
                : Reading.of((BigDecimal) counted.value(), label);
        return reading.from(counted.path()).movedBy(lever);
    }

    /** The counted value of a true/false key, or a missing reading. */
    public Reading flag(String key) {
        return value(key);
    }

    /** A field of the county profile: {@code population}, {@code townships} or {@code villages}. */
    public Reading profile(String field) {
        Profile p = facts.profile();
        long v = switch (field) {
            case "population" -> p.population();
            case "townships" -> p.townships();
            case "villages" -> p.villages();
            default -> throw new IllegalArgumentException("unknown profile field " + field);
        };
        return Reading.of(BigDecimal.valueOf(v), PROFILE.get(field)).from("county." + field);
    }

    /**
     * numerator / denominator. A counted denominator of 0 makes the ratio not applicable whether or
     * not the numerator was counted: a numerator can never exceed its denominator, so it is fixed at
     * 0 and not needed (a counted numerator above 0 is inconsistent evidence). Otherwise missing
     * if either is missing; a numerator above its denominator rejects the submission.
     */
    public Reading ratio(Reading numerator, Reading denominator) {
        Label label = Label.ratio(numerator.label(), denominator.label());
        if (denominator.hasValue() && denominator.value().signum() == 0) {
            if (numerator.hasValue() && numerator.value().signum() > 0) {
                reportRatioAboveOne(numerator, denominator);
            }
            return Reading.notApplicable(label);
        }
        Lever lever = numerator.lever() == null ? null : numerator.lever().over(
                denominator.hasValue() ? denominator.value() : null,
                denominator.lever() == null ? null : denominator.lever().key());
        if (numerator.isMissing() || denominator.isMissing()) {
            return Reading.missingOf(numerator, denominator, label).movedBy(lever);
        }
        if (!numerator.hasValue() || !denominator.hasValue()) {
            return Reading.notApplicable(label);
        }
        BigDecimal num = numerator.value();
        BigDecimal den = denominator.value();
        if (num.compareTo(den) > 0) {
            reportRatioAboveOne(numerator, denominator);
        }
        return Reading.fraction(num, den, label).movedBy(lever);
    }

    /** count per {@code unit} of base, e.g. samples per 1,000 residents, as an exact fraction. */
    public Reading per(Reading count, Reading base, Number unit) {
        BigDecimal u = Reading.decimal(unit);
        Label label = Label.per(count.label(), base.label(), u);
        Lever lever = count.lever() == null ? null
                : count.lever().times(u).over(base.hasValue() ? base.value() : null, null);
        if (count.isMissing() || base.isMissing()) {
            return Reading.missingOf(count, base, label).movedBy(lever);
        }
        if (!count.hasValue() || !base.hasValue()) {
            return Reading.notApplicable(label);
        }
        Reading rate = Reading.fraction(count.value().multiply(u), base.value(), label).movedBy(lever);
        if (!rate.hasValue()) {
            return rate;
        }
        // shown as the rate itself (truncated, so that 3.99997 never shows as 4), then how it was worked out
        return rate.shownAs(new Quantity.Rate(count.value(), base.value(), u));
    }

    /** a − b, for a denominator made of two keys (e.g. samples that failed). */
    public Reading difference(Reading a, Reading b) {
        Label label = Label.difference(a.label(), b.label());
        if (a.isMissing() || b.isMissing()) {
            return Reading.missingOf(a, b, label);
        }
        if (!a.hasValue() || !b.hasValue()) {
            return Reading.notApplicable(label);
        }
        BigDecimal d = a.value().subtract(b.value());
        if (d.signum() < 0) {
            reportRatioAboveOne(b, a);
            d = BigDecimal.ZERO;
        }
        return Reading.of(d, label);
    }

    /** How many counted incidents there are (none listed means none happened). */
    public Reading incidentCount() {
        List<CountedIncident> all = facts.incidents();
        all.forEach(i -> evidence.add(i.id()));
        return Reading.of(BigDecimal.valueOf(all.size()), INCIDENTS);
    }

    /** How many counted incidents were reported within {@code hours}. */
    public Reading incidentsReportedWithin(Number hours) {
        BigDecimal limit = Reading.decimal(hours);
        long n = facts.incidents().stream().filter(i -> i.reportedWithinHours().compareTo(limit) <= 0).count();
        return Reading.of(BigDecimal.valueOf(n), new Label.IncidentsWithin(limit));
    }

    /** The counted incidents of the given levels, by id. */
    public List<CountedIncident> incidentsOfLevel(List<String> levels) {
        return facts.incidents().stream().filter(i -> levels.contains(i.level()))
                .sorted(Comparator.comparing(CountedIncident::id)).toList();
    }

    /** The counted incidents that were concealed, by id. */
    public List<CountedIncident> concealedIncidents() {
        return facts.incidents().stream().filter(CountedIncident::concealed)
                .sorted(Comparator.comparing(CountedIncident::id)).toList();
    }

    /** Adds a step to the explanation: data, worded only when the result is written. */
    protected void explain(ExplanationStep step) {
        steps.add(step);
    }

    /** Records that a scored part or a deciding veto needed this reading, so its missing keys are missing. */
    protected void needs(Reading reading) {
        missingKeys.addAll(reading.missingKeys());
    }

    protected void addEvidence(String evidenceId) {
        evidence.add(evidenceId);
    }

    public List<String> evidence() {
        return List.copyOf(evidence);
    }

    /** Evidence id → document number (文号), for the counted evidence read that gives one. */
    public Map<String, String> documents() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    public List<String> missingKeys() {
        return List.copyOf(missingKeys);
    }

    public boolean hasMissing() {
        return !missingKeys.isEmpty();
    }

    /** The explanation so far, step by step. */
    public List<ExplanationStep> explanationSteps() {
        return List.copyOf(steps);
    }

    /** Called by the engine with the name of each rule that fired on this worksheet. */
    public void firedBy(String rule) {
        rules.add(rule);
    }

    public List<String> rules() {
        return List.copyOf(rules);
    }

    private static Reading absent(KeySpec spec, Label label) {
        if (spec.absentMeans() instanceof Boolean b) {
            return Reading.ofFlag(b, label);
        }
        if (spec.absentMeans() instanceof BigDecimal d) {
            return Reading.of(d, label);
        }
        return Reading.missingOf(List.of(spec.name()), label);
    }

    private void reportRatioAboveOne(Reading numerator, Reading denominator) {
        String origin = numerator.origin() != null ? numerator.origin() : denominator.origin();
        String path = origin == null ? "evidence" : origin.startsWith("evidence[") ? origin + ".value" : origin;
        facts.reportInconsistency(new Problem(path, "RATIO_ABOVE_ONE",
                "证据不一致：" + numerator.zh() + "（" + numerator.display(true) + "）大于" + denominator.zh()
                        + "（" + denominator.display(true) + "）",
                "inconsistent evidence: " + numerator.en() + " (" + numerator.display(false)
                        + ") is larger than " + denominator.en() + " (" + denominator.display(false) + ")"));
    }

    private static final Quantity.Shown BOUND_ZERO = new Quantity.BoundZero();
    private static final Label INCIDENTS = new Label.Incidents();
    private static final Map<String, Label> PROFILE = Map.of("population", new Label.Profile("population"),
            "townships", new Label.Profile("townships"), "villages", new Label.Profile("villages"));
}
