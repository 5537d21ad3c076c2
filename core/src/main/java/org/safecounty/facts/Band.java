package org.safecounty.facts;

import java.math.BigDecimal;

/** One step of a stepped scale: a value that reaches {@code atLeast} earns {@code points}. */
public record Band(BigDecimal atLeast, BigDecimal points) {
}
