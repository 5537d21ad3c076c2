package org.safecounty.internal.report;

import org.safecounty.result.Outcome;

/**
 * One county of a batch report: where its submission came from, its city, the file name of its own
 * page ({@code null} for none), what assessing it gave, and the assessment year ({@code 0} when
 * unknown), by which the report shows a county assessed in several years as a trend.
 */
public record ReportEntry(String file, String city, String page, Outcome outcome, int year) {

    public ReportEntry(String file, String city, String page, Outcome outcome) {
        this(file, city, page, outcome, 0);
    }

    /** The entry of an outcome: the city and year are its result's ({@code null} and 0 for a rejected submission). */
    public static ReportEntry of(String file, String page, Outcome outcome) {
        if (outcome instanceof Outcome.Assessed a) {
            return new ReportEntry(file, a.result().county().city(), page, outcome, a.result().year());
        }
        return new ReportEntry(file, null, page, outcome, 0);
    }
}
