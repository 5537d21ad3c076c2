package org.safecounty.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace of one veto item, whatever came of it: {@code TRIGGERED}, {@code UNDECIDED} (evidence
 * it needs is missing) or {@code CLEAR}, with the rule, the parameters it used, the evidence it
 * read and why, in Chinese and English.
 */
public record VetoCheck(String id, String state, List<String> evidence, String rule, String explanation,
                        String explanationEn, List<ParameterUse> parameters, Map<String, String> documents) {

    public VetoCheck {
        evidence = List.copyOf(evidence);
        parameters = List.copyOf(parameters);
        documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }
}
