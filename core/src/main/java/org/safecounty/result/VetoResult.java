package org.safecounty.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A triggered veto, with the evidence that triggered it and why.
 *
 * @param parameters the pack's parameters the rule read, with their values
 * @param documents  evidence id → document number (文号), for the counted evidence that gives one
 */
public record VetoResult(String id, List<String> evidence, String rule, String explanation, String explanationEn,
                         List<ParameterUse> parameters, Map<String, String> documents) {

    public VetoResult {
        evidence = List.copyOf(evidence);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** A result without a parameter or document trace. */
    public VetoResult(String id, List<String> evidence, String rule, String explanation, String explanationEn) {
        this(id, evidence, rule, explanation, explanationEn, List.of(), Map.of());
    }
}
