package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.Scoring;
import org.safecounty.result.Label;
import org.safecounty.result.Problem;

/**
 * Everything rules may read about one county: its profile, the evidence that counts (one item per
 * key), the incidents inside the window, and the key catalogue. Inconsistencies that rules find
 * (a ratio above 1) are collected here and reject the submission.
 */
public final class CountyFacts {

    private final Profile profile;
    private final Map<String, CountedEvidence> measures;
    private final List<CountedIncident> incidents;
    private final Map<String, KeySpec> keys;
    private final Map<String, UnmetCondition> unmet;
    private final List<Problem> inconsistencies = new ArrayList<>();
    private final Scoring.NotApplicable notApplicable;
    private final Map<String, Label.Key> labels;

    public CountyFacts(Profile profile, Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                       Map<String, KeySpec> keys) {
        this(profile, measures, incidents, keys, Map.of());
    }

    /** @param unmet for each key that cannot count for this county, the condition it lacks */
    public CountyFacts(Profile profile, Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                       Map<String, KeySpec> keys, Map<String, UnmetCondition> unmet) {
        this(profile, measures, incidents, keys, unmet, Scoring.NotApplicable.FULL_POINTS);
    }

    /** @param notApplicable what a part that does not apply to the county scores (the pack says) */
    public CountyFacts(Profile profile, Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                       Map<String, KeySpec> keys, Map<String, UnmetCondition> unmet,
                       Scoring.NotApplicable notApplicable) {
        this(profile, measures, incidents, keys, unmet, notApplicable, keyLabels(keys));
    }

    /**
     * @param labels the label of each key, built once per pack ({@link #keyLabels}) so that reading
     *               a key never builds its label again
     */
    public CountyFacts(Profile profile, Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                       Map<String, KeySpec> keys, Map<String, UnmetCondition> unmet,
                       Scoring.NotApplicable notApplicable, Map<String, Label.Key> labels) {
        this.labels = labels;
        this.notApplicable = notApplicable;
        this.unmet = Map.copyOf(unmet);
        this.profile = profile;
        this.measures = Map.copyOf(measures);
        this.incidents = List.copyOf(incidents);
        this.keys = keys;
    }

    /** What a part that does not apply to the county scores. */
    Scoring.NotApplicable notApplicable() {
        return notApplicable;
    }

    public Profile profile() {
        return profile;
    }

    public CountedEvidence counted(String key) {
        return measures.get(key);
    }

    public Map<String, CountedEvidence> measures() {
        return measures;
    }

    public List<CountedIncident> incidents() {
        return incidents;
    }

    /** The condition that keeps {@code key} from counting for this county, or {@code null}. */
    UnmetCondition unmet(String key) {
        return unmet.get(key);
    }

    /**
     * The least value {@code key} can take while the evidence that is bounded by it stays
     * consistent (raising a denominator no lower than its numerator), or empty when nothing bounds it.
     */
    Optional<BigDecimal> lowestConsistent(String key) {
        BigDecimal lowest = null;
        for (KeySpec spec : keys.values()) {
            Optional<BigDecimal> value = numberOf(spec.name());
            if (spec.atMost() == null || value.isEmpty() || !spec.atMost().hasTerm(key, false)) {
                continue;
            }
            Optional<BigDecimal> rest = spec.atMost().without(key).evaluate(this::numberOf);
            if (rest.isPresent()) {
                BigDecimal least = value.get().subtract(rest.get());
                lowest = lowest == null ? least : lowest.max(least);
            }
        }
        return Optional.ofNullable(lowest);
    }

    /** The greatest value {@code key} can take while it stays within its own bound, or empty. */
    Optional<BigDecimal> highestConsistent(String key) {
        KeySpec spec = keys.get(key);
        return spec == null || spec.atMost() == null ? Optional.empty() : spec.atMost().evaluate(this::numberOf);
    }

    /**
     * Whether {@code key}, not counted, is fixed at 0 because what bounds it is 0 (§2: a numerator
     * can never exceed its denominator, so a denominator of 0 fixes it at 0). It follows chains:
     * 0 cases filed fix the cases closed, which fix the penalties disclosed.
     */
    boolean fixedAtZero(String key) {
        return fixedAtZero(key, new java.util.HashSet<>());
    }

    private boolean fixedAtZero(String key, java.util.Set<String> seen) {
        KeySpec spec = keys.get(key);
        if (measures.containsKey(key) || spec == null || spec.atMost() == null || !seen.add(key)) {
            return false;
        }
        return spec.atMost().evaluate(name -> numberOf(name, seen)).filter(b -> b.signum() == 0).isPresent();
    }

    private Optional<BigDecimal> numberOf(String name) {
        return numberOf(name, new java.util.HashSet<>());
    }

    private Optional<BigDecimal> numberOf(String name, java.util.Set<String> seen) {
        return switch (name) {
            case "county.population" -> Optional.of(BigDecimal.valueOf(profile.population()));
            case "county.townships" -> Optional.of(BigDecimal.valueOf(profile.townships()));
            case "county.villages" -> Optional.of(BigDecimal.valueOf(profile.villages()));
            default -> {
                Optional<BigDecimal> counted = Optional.ofNullable(measures.get(name)).map(CountedEvidence::value)
                        .filter(BigDecimal.class::isInstance).map(BigDecimal.class::cast);
                yield counted.isPresent() || !fixedAtZero(name, seen) ? counted : Optional.of(BigDecimal.ZERO);
            }
        };
    }

    public KeySpec key(String name) {
        KeySpec spec = keys.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("rule reads key " + name + ", which is not in the key catalogue");
        }
        return spec;
    }

    /** The label of each key of a catalogue: its names, for explanations. */
    public static Map<String, Label.Key> keyLabels(Map<String, KeySpec> keys) {
        Map<String, Label.Key> labels = new HashMap<>();
        keys.forEach((name, k) -> labels.put(name, new Label.Key(k.name(), k.zh(), k.en())));
        return Map.copyOf(labels);
    }

    /** The label of a key of the catalogue. */
    Label.Key label(String key) {
        Label.Key label = labels.get(key);
        if (label == null) {
            KeySpec spec = key(key);
            return new Label.Key(spec.name(), spec.zh(), spec.en());
        }
        return label;
    }

    synchronized void reportInconsistency(Problem problem) {
        if (!inconsistencies.contains(problem)) {
            inconsistencies.add(problem);
        }
    }

    public synchronized List<Problem> inconsistencies() {
        return Collections.unmodifiableList(new ArrayList<>(inconsistencies));
    }
}
