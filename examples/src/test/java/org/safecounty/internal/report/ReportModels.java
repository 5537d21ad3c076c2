package org.safecounty.internal.report;

import java.util.List;
import java.util.Map;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.result.AssessmentResult;

/** The view models of the HTML reports, for tests in other packages. */
public final class ReportModels {

    private ReportModels() {
    }

    public static Map<String, Object> county(AssessmentResult r, PackCatalogue catalogue, Lang lang, String indexHref) {
        return ReportModel.county(r, catalogue, lang, indexHref);
    }

    public static Map<String, Object> overview(String title, List<ReportEntry> entries, PackCatalogue catalogue, Lang lang) {
        return ReportModel.overview(title, entries, catalogue, lang);
    }
}
