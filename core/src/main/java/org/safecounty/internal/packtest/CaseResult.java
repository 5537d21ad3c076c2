package org.safecounty.internal.packtest;

import java.util.List;

/** How one case went (passed when it has no failure), and the rules that fired in it. */
public record CaseResult(PackCase testCase, List<CaseFailure> failures, List<String> rulesFired) {

    public CaseResult {
        failures = List.copyOf(failures);
        rulesFired = List.copyOf(rulesFired);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
