package org.safecounty.internal.pack;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safecounty.submission.Mode;

/**
 * Which evidence counts (§2 of a standard), with every figure named as a parameter.
 *
 * @param verifiedOnlyIn           modes in which only verified evidence counts
 * @param evidenceYearsBack        parameter: evidence counts from 1 January of (year − n)
 * @param evidenceYearsBackByKey   the same, for keys with a window of their own
 * @param incidentMonthsBack       parameter: incidents count when dated after (date − n months)
 * @param surveys                  survey validity conditions
 */
public record CountingSpec(Set<Mode> verifiedOnlyIn, String evidenceYearsBack,
                           Map<String, String> evidenceYearsBackByKey, String incidentMonthsBack,
                           List<SurveySpec> surveys) {

    public CountingSpec {
        verifiedOnlyIn = Set.copyOf(verifiedOnlyIn);
        evidenceYearsBackByKey = Map.copyOf(evidenceYearsBackByKey);
        surveys = List.copyOf(surveys);
    }
}
