package org.safecounty.result;

import java.math.BigDecimal;
import java.util.List;

/**
 * One indicator's points, status, the evidence that counted and why.
 *
 * @param missingKeys   keys it needed that had no counted evidence
 * @param rule          the name of the rule that scored it
 * @param explanation   the reasoning in Chinese
 * @param explanationEn the reasoning in English
 */
public record IndicatorResult(String id, String task, BigDecimal score, BigDecimal max, IndicatorStatus status,
                              boolean keyItem, List<String> evidence, List<String> missingKeys, String rule,
                              String explanation, String explanationEn) {

    public IndicatorResult {
        evidence = List.copyOf(evidence);
        missingKeys = List.copyOf(missingKeys);
    }
}
