package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One line of the rectification list (整改清单): what the county must do, and the points it brings.
 *
 * @param kind      {@code VETO}, {@code UNDECIDED_VETO}, {@code MISSING_EVIDENCE},
 *                  {@code KEY_ITEM_BELOW_FLOOR} or {@code RAISE_INDICATOR}
 * @param gain      points the step can bring (for a key item under its floor: the points it needs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RectificationItem(String kind, String indicator, String key, String veto, BigDecimal gain) {
}
