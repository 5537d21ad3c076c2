package org.safecounty.submission;

import java.time.LocalDate;

/** Which standard, which year, on which day and in which mode a county is assessed. */
public record AssessmentInfo(String standard, int year, LocalDate date, Mode mode) {
}
