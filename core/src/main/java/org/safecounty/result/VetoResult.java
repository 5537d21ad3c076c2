package org.safecounty.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A triggered veto, with the evidence that triggered it and why.
 *
 * @param steps      why, step by step, as data; {@link #explanation()} and {@link #explanationEn()} word them
 * @param parameters the pack's parameters the rule read, with their values
 * @param documents  evidence id → document number (文号), for the counted evidence that gives one
 */
public record VetoResult(String id, List<String> evidence, String rule, List<ExplanationStep> steps,
                         List<ParameterUse> parameters, Map<String, String> documents) {

    public VetoResult {
        steps = List.copyOf(steps);
        evidence = List.copyOf(evidence);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
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
