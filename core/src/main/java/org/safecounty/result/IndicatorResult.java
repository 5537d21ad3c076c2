package org.safecounty.result;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One indicator's points, status, the evidence that counted and why.
 *
 * @param missingKeys   keys it needed that had no counted evidence
 * @param rule          the name of the rule that scored it
 * @param explanation   the reasoning in Chinese
 * @param explanationEn the reasoning in English
 * @param parameters    the pack's parameters the rule read, with their values
 * @param documents     evidence id → document number (文号), for the counted evidence that gives one
 */
public record IndicatorResult(String id, String task, BigDecimal score, BigDecimal max, IndicatorStatus status,
                              boolean keyItem, List<String> evidence, List<String> missingKeys, String rule,
                              String explanation, String explanationEn, List<ParameterUse> parameters,
                              Map<String, String> documents) {

    public IndicatorResult {
        evidence = List.copyOf(evidence);
        missingKeys = List.copyOf(missingKeys);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** A result without a parameter or document trace. */
    public IndicatorResult(String id, String task, BigDecimal score, BigDecimal max, IndicatorStatus status,
                           boolean keyItem, List<String> evidence, List<String> missingKeys, String rule,
                           String explanation, String explanationEn) {
        this(id, task, score, max, status, keyItem, evidence, missingKeys, rule, explanation, explanationEn,
                List.of(), Map.of());
    }
}
