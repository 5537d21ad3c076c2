package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One change a county can actually make, and what it earns: the first band that reaches a floor,
 * the value that reaches it on a proportional scale, a yes/no part's points, or how far to bring
 * down a count that is deducted for.
 *
 * @param action {@code RAISE_TO} (bring {@code key} to at least {@code target}), {@code SUPPLY_AT_LEAST}
 *               (supply the missing {@code key} with at least {@code target}), {@code RAISE_RATIO_TO}
 *               ({@code key} / {@code of} to at least {@code target}, when {@code of} is not known),
 *               {@code SET_TRUE} ({@code key} true) or {@code REDUCE_TO} ({@code key} at most {@code target})
 * @param points the part's points after the change ({@code null} for a deduction)
 * @param gain   the points the change adds to the indicator
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RectificationStep(String action, String key, String of, BigDecimal target, BigDecimal points,
                                BigDecimal gain) {
}
