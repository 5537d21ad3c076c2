package org.safecounty.internal.pack;

import java.math.BigDecimal;
import java.util.List;

/** A task area (任务) and its indicators. */
public record TaskSpec(String id, String zh, String en, BigDecimal max, List<IndicatorSpec> indicators) {

    public TaskSpec {
        indicators = List.copyOf(indicators);
    }
}
