package org.safecounty.result;

import java.math.BigDecimal;
import java.util.List;

/** One optional action's points (before the cap, which applies to the sum). */
public record BonusResult(String id, BigDecimal score, List<String> evidence, String rule) {

    public BonusResult {
        evidence = List.copyOf(evidence);
    }
}
