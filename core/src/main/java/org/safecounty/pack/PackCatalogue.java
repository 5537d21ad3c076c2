package org.safecounty.pack;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a rule pack declares in {@code pack.yaml}: its identity, tasks, indicators, bonus and veto
 * items, the key catalogue and how evidence is counted.
 */
public record PackCatalogue(String id, String version, String zh, String en, int scale, BigDecimal baseMax,
                            List<TaskSpec> tasks, List<ItemSpec> bonus, List<ItemSpec> vetoes,
                            Map<String, KeySpec> keys, CountingSpec counting) {

    public PackCatalogue {
        tasks = List.copyOf(tasks);
        bonus = List.copyOf(bonus);
        vetoes = List.copyOf(vetoes);
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public Stream<IndicatorSpec> indicators() {
        return tasks.stream().flatMap(t -> t.indicators().stream());
    }

    public Optional<KeySpec> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }
}
