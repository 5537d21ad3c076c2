package org.safecounty.submission;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An officially recorded food or drug safety incident. */
public record Incident(String id, LocalDate date, String level, String kind,
                       BigDecimal reportedWithinHours, boolean concealed, int index) {

    public String path() {
        return "incidents[" + index + "]";
    }
}
