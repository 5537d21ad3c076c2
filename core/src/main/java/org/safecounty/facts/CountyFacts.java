package org.safecounty.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.safecounty.pack.KeySpec;
import org.safecounty.validation.Problem;

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
    private final List<Problem> inconsistencies = new ArrayList<>();

    public CountyFacts(Profile profile, Map<String, CountedEvidence> measures, List<CountedIncident> incidents,
                       Map<String, KeySpec> keys) {
        this.profile = profile;
        this.measures = Map.copyOf(measures);
        this.incidents = List.copyOf(incidents);
        this.keys = keys;
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

    public KeySpec key(String name) {
        KeySpec spec = keys.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("rule reads key " + name + ", which is not in the key catalogue");
        }
        return spec;
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
