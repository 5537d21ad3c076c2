package org.safecounty.internal.compare;

import java.util.List;
import java.util.Map;
import org.safecounty.result.StandardRef;

/**
 * What a second pack changes for a set of counties: the verdict matrix (by verdict code; its rows
 * and columns are {@code verdicts}, the first pack's levels and then any the second adds), the
 * counties whose verdict
 * flips and why, score changes per task and per indicator, keys newly missing, and files that could
 * not be compared. Counties are sorted by impact (largest change of total first).
 */
public record Comparison(StandardRef from, StandardRef to, int counties, List<String> verdicts,
                         Map<String, Map<String, Integer>> matrix,
                         List<CountyChange> changes, List<ItemChange> tasks, List<ItemChange> indicators,
                         Map<String, Integer> newMissingKeys, Map<String, Integer> ignoredKeys,
                         Map<String, String> notCompared) {

    public Comparison {
        verdicts = List.copyOf(verdicts);
        matrix = Map.copyOf(matrix);
        changes = List.copyOf(changes);
        tasks = List.copyOf(tasks);
        indicators = List.copyOf(indicators);
        newMissingKeys = Map.copyOf(newMissingKeys);
        ignoredKeys = Map.copyOf(ignoredKeys);
        notCompared = Map.copyOf(notCompared);
    }

    /** The counties whose verdict changes. */
    public List<CountyChange> flips() {
        return changes.stream().filter(CountyChange::verdictChanged).toList();
    }
}
