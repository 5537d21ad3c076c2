package org.safecounty.report;

import org.safecounty.Outcome;

/**
 * One county of a batch report: where its submission came from, its city (from the submission's
 * {@code county.city}, which results do not carry), the file name of its own page ({@code null}
 * for none) and what assessing it gave.
 */
public record ReportEntry(String file, String city, String page, Outcome outcome) {
}
