package org.safecounty.facts;

import java.time.LocalDate;
import org.safecounty.submission.Mode;

/** The county and the assessment as rules see them. */
public record Profile(String code, String name, String city, long population, long townships, long villages,
                      int year, LocalDate date, Mode mode) {
}
