package org.safecounty.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trace of one veto item, whatever came of it: {@code TRIGGERED}, {@code UNDECIDED} (evidence
 * it needs is missing) or {@code CLEAR}, with the rule, the parameters it used, the evidence it
 * read and why: its steps as data, worded in Chinese and English when asked.
 */
public record VetoCheck(String id, String state, List<String> evidence, String rule, List<ExplanationStep> steps,
                        List<ParameterUse> parameters, Map<String, String> documents) {

    public VetoCheck {
        steps = List.copyOf(steps);
        evidence = List.copyOf(evidence);
        parameters = List.copyOf(parameters);
        documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** The reasoning in Chinese. */
    public String explanation() {
        return Explanations.ZH.steps(steps);
    }

    /** The reasoning in English. */
    public String explanationEn() {
        return Explanations.EN.steps(steps);
    }
}
