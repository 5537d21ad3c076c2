package org.safecounty.cli.workbench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The range a parameter's figure may take in the draft's forms, as {@code rules/schema/parameters.schema.json}
 * sets it by the parameter's name: every number 0 to 1,000,000,000 with at most 6 decimals; a name
 * ending {@code per_residents} a whole number from 1 to 10,000,000; {@code target} and
 * {@code deduction} above 0; {@code floor} 0 to 1. Loading the draft checks the same again.
 */
final class ParameterRanges {

    private ParameterRanges() {
    }

    /** A range: {@code min} (excluded when {@code exclusiveMin}), {@code max}, whole numbers only or steps of 0.000001. */
    record Range(BigDecimal min, boolean exclusiveMin, BigDecimal max, boolean integer) {

        ObjectNode toJson(JsonMapper json) {
            return json.createObjectNode().put("min", min).put("exclusiveMin", exclusiveMin).put("max", max)
                    .put("step", integer ? "1" : "any");
        }
    }

    static Range range(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        if (last.endsWith("per_residents")) {
            return new Range(BigDecimal.ONE, false, BigDecimal.valueOf(10_000_000), true);
        }
        if (last.equals("target") || last.endsWith("_target") || last.matches("(?:[^.]*_)?deduction(?:_[^.]*)?")) {
            return new Range(BigDecimal.ZERO, true, BigDecimal.valueOf(1_000_000_000), false);
        }
        if (last.equals("floor") || last.endsWith("_floor")) {
            return new Range(BigDecimal.ZERO, false, BigDecimal.ONE, false);
        }
        return new Range(BigDecimal.ZERO, false, BigDecimal.valueOf(1_000_000_000), false);
    }
}
