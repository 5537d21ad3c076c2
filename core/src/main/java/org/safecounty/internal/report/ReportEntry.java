package org.safecounty.internal.report;

import org.safecounty.result.Outcome;

/**
 * One county of a batch report: where its submission came from, its city (from the submission's
 * {@code county.city}, which results do not carry), the file name of its own page ({@code null}
 * for none), what assessing it gave, and the assessment year ({@code 0} when unknown), by which
 * the report shows a county assessed in several years as a trend.
 */
public record ReportEntry(String file, String city, String page, Outcome outcome, int year) {

    public ReportEntry(String file, String city, String page, Outcome outcome) {
        this(file, city, page, outcome, 0);
    }
}
