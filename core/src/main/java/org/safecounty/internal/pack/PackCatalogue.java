package org.safecounty.internal.pack;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.safecounty.result.Verdict;

/**
 * What a rule pack declares in {@code pack.yaml}: its identity, its arithmetic, tasks, indicators,
 * bonus and veto items, the key catalogue, how evidence is counted and its verdict levels (best
 * first).
 */
public record PackCatalogue(String id, String version, String zh, String en, Scoring scoring, BigDecimal baseMax,
                            List<TaskSpec> tasks, List<ItemSpec> bonus, List<ItemSpec> vetoes,
                            Map<String, KeySpec> keys, CountingSpec counting, List<Verdict> verdicts) {

    public PackCatalogue {
        verdicts = List.copyOf(verdicts);
        tasks = List.copyOf(tasks);
        bonus = List.copyOf(bonus);
        vetoes = List.copyOf(vetoes);
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public Stream<IndicatorSpec> indicators() {
        return tasks.stream().flatMap(t -> t.indicators().stream());
    }

    /** The decimals every indicator's points keep. */
    public int scale() {
        return scoring.decimals();
    }

    /** The verdict level of this code, if the pack declares it. */
    public Optional<Verdict> verdict(String code) {
        return verdicts.stream().filter(v -> v.code().equals(code)).findFirst();
    }

    public Optional<KeySpec> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }
}
