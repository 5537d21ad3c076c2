package org.safecounty.result;

import java.math.BigDecimal;

/** A task area's score: the sum of its indicators. */
public record TaskScore(String id, BigDecimal score, BigDecimal max) {
}
