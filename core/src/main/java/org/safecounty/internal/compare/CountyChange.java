package org.safecounty.internal.compare;

import java.math.BigDecimal;
import java.util.List;
import org.safecounty.result.Verdict;

/**
 * One county under two packs.
 *
 * @param causes       what made the difference: indicators whose score or status changed
 *                     ({@code A.10 1 → 0 MISSING}), vetoes added or dropped, the bonus
 * @param newMissing   keys the second pack needs that the county did not give
 * @param ignoredKeys  keys of the submission one of the packs does not know (left out there, only here)
 */
public record CountyChange(String file, String code, String name, String city, Verdict from, Verdict to,
                           BigDecimal totalFrom, BigDecimal totalTo, List<String> causes, List<String> newMissing,
                           List<String> ignoredKeys) {

    public CountyChange {
        causes = List.copyOf(causes);
        newMissing = List.copyOf(newMissing);
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    public boolean verdictChanged() {
        return !from.code().equals(to.code());
    }

    public BigDecimal delta() {
        return totalTo.subtract(totalFrom);
    }
}
