package org.safecounty.result;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optional action's points (before the cap, which applies to the sum).
 *
 * @param explanation   the reasoning in Chinese
 * @param explanationEn the reasoning in English
 * @param parameters    the pack's parameters the rule read, with their values
 * @param documents     evidence id → document number (文号), for the counted evidence that gives one
 */
public record BonusResult(String id, BigDecimal score, List<String> evidence, String rule, String explanation,
                          String explanationEn, List<ParameterUse> parameters, Map<String, String> documents) {

    public BonusResult {
        evidence = List.copyOf(evidence);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** A result without an explanation or trace. */
    public BonusResult(String id, BigDecimal score, List<String> evidence, String rule) {
        this(id, score, evidence, rule, null, null, List.of(), Map.of());
    }
}
