package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One line of the rectification list (整改清单): what the county must do, and the points it brings.
 *
 * @param kind  {@code VETO}, {@code UNDECIDED_VETO}, {@code MISSING_EVIDENCE},
 *              {@code KEY_ITEM_BELOW_FLOOR} or {@code RAISE_INDICATOR}
 * @param gain  points the step brings; for a key item under its floor, what its {@code steps} earn
 * @param needs for a key item under its floor, the points it lacks to reach the floor
 * @param steps for a key item under its floor, the changes that reach it, each a gain it can earn
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RectificationItem(String kind, String indicator, String key, String veto, BigDecimal gain,
                                BigDecimal needs,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RectificationStep> steps) {

    public RectificationItem {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** An item without steps. */
    public RectificationItem(String kind, String indicator, String key, String veto, BigDecimal gain) {
        this(kind, indicator, key, veto, gain, null, List.of());
    }
}
