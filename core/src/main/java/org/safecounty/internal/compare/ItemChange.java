package org.safecounty.internal.compare;

import java.math.BigDecimal;

/** How one task or indicator moved over all counties: how many changed, and the total and mean change. */
public record ItemChange(String id, int counties, BigDecimal total, BigDecimal mean) {
}
