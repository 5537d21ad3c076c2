package org.safecounty.result;

import java.util.List;

/** A triggered veto, with the evidence that triggered it and why. */
public record VetoResult(String id, List<String> evidence, String rule, String explanation, String explanationEn) {

    public VetoResult {
        evidence = List.copyOf(evidence);
    }
}
