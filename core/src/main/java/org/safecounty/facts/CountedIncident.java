package org.safecounty.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An incident inside the pack's incident window. */
public record CountedIncident(String id, LocalDate date, String level, String kind,
                              BigDecimal reportedWithinHours, boolean concealed) {
}
