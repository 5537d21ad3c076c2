package org.safecounty.result;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optional action's points (before the cap, which applies to the sum).
 *
 * @param steps         why, step by step, as data; {@link #explanation()} and {@link #explanationEn()}
 *                      word them when asked
 * @param parameters    the pack's parameters the rule read, with their values
 * @param documents     evidence id → document number (文号), for the counted evidence that gives one
 */
public record BonusResult(String id, BigDecimal score, List<String> evidence, String rule,
                          List<ExplanationStep> steps, List<ParameterUse> parameters, Map<String, String> documents) {

    public BonusResult {
        steps = List.copyOf(steps);
        evidence = List.copyOf(evidence);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** The reasoning in Chinese: every step, then the total. */
    public String explanation() {
        return Explanations.ZH.scored(steps, score);
    }

    /** The reasoning in English. */
    public String explanationEn() {
        return Explanations.EN.scored(steps, score);
    }
}
