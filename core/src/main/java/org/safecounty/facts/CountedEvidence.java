package org.safecounty.facts;

import java.time.LocalDate;

/**
 * The evidence item that counts for a key after §2 of the standard (mode, window, repeats).
 *
 * @param value a {@link java.math.BigDecimal} or a {@link Boolean}
 * @param path  the item's place in the submission, e.g. {@code evidence[3]}
 */
public record CountedEvidence(String id, String key, Object value, LocalDate date, String document, String path) {
}
