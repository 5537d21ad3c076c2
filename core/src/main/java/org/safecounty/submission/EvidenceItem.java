package org.safecounty.submission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One piece of evidence: a value for a key of the standard's key catalogue.
 *
 * @param value a {@link BigDecimal} or a {@link Boolean}, as the key's type says
 * @param index the item's position in the submission's {@code evidence} array, for error paths
 */
public record EvidenceItem(String id, String key, Object value, LocalDate date, boolean verified,
                           Optional<String> source, Optional<String> document, int index) {

    public String path() {
        return "evidence[" + index + "]";
    }
}
