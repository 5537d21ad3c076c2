package org.safecounty.internal.pack;

import java.math.BigDecimal;

/** An indicator of a task: its maximum points and whether it is a key item (关键项). */
public record IndicatorSpec(String id, String task, String zh, String en, BigDecimal max, boolean keyItem) {
}
