package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.result.Problem;
import org.safecounty.submission.County;

/**
 * Inconsistent evidence (§3 of a standard: a ratio above 1): a counted value above the bound the key
 * catalogue gives it ({@code atMost}), such as more samples passed than taken. Every such value is
 * reported, naming both sides.
 */
public final class RelationCheck {

    public List<Problem> check(Map<String, CountedEvidence> measures, County county, Map<String, KeySpec> keys) {
        List<Problem> problems = new ArrayList<>();
        for (KeySpec spec : keys.values()) {
            CountedEvidence counted = measures.get(spec.name());
            if (spec.atMost() == null || counted == null || !(counted.value() instanceof BigDecimal value)) {
                continue;
            }
            Optional<BigDecimal> bound = spec.atMost().evaluate(name -> valueOf(name, measures, county));
            if (bound.isPresent() && value.compareTo(bound.get()) > 0) {
                String b = Reading.plain(bound.get());
                problems.add(new Problem(counted.path() + ".value", "RATIO_ABOVE_ONE",
                        "证据不一致：" + spec.name() + "（" + Reading.plain(value) + "）大于 " + spec.atMost().text()
                                + "（" + b + "）",
                        "inconsistent evidence: " + spec.name() + " (" + Reading.plain(value) + ") is larger than "
                                + spec.atMost().text() + " (" + b + ")"));
            }
        }
        return problems;
    }

    private static Optional<BigDecimal> valueOf(String name, Map<String, CountedEvidence> measures, County county) {
        return switch (name) {
            case "county.population" -> Optional.of(BigDecimal.valueOf(county.population()));
            case "county.townships" -> Optional.of(BigDecimal.valueOf(county.townships()));
            case "county.villages" -> Optional.of(BigDecimal.valueOf(county.villages()));
            default -> Optional.ofNullable(measures.get(name)).map(CountedEvidence::value)
                    .filter(BigDecimal.class::isInstance).map(BigDecimal.class::cast);
        };
    }
}
