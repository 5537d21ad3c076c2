package org.safecounty.packtest;

import java.util.List;

/** How one case went: passed when it has no failure. */
public record CaseResult(PackCase testCase, List<CaseFailure> failures) {

    public CaseResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
