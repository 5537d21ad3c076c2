package org.safecounty.internal.report;

import java.util.List;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.report.template.HtmlText;
import org.safecounty.internal.report.template.Templates;
import org.safecounty.result.AssessmentResult;

/**
 * HTML reports: one page per county (verdict, total, a radar chart of the task areas, the
 * indicators with their explanations and trace, the rectification list) and an overview of a
 * batch (verdict counts, ranking overall and within each city, a link to each county's page).
 * Every page is one self-contained file: inline CSS and SVG, no script, no font or image fetched,
 * so it opens from disk with no network. The pages are rendered from templates ({@code county.peb},
 * {@code overview.peb}, {@link Templates}) — the bundled ones, or a province's own folder — given a
 * view model of plain text ({@link ReportModel}); every text that comes from a submission or a pack
 * is HTML-escaped whatever the template. The same input gives the same bytes.
 */
public final class HtmlReport {

    private final Templates templates;

    /** Reports from the bundled templates. */
    public HtmlReport() {
        this(Templates.defaults());
    }

    /** Reports from {@code templates} ({@link Templates#folder}: a province's own). */
    public HtmlReport(Templates templates) {
        this.templates = templates;
    }

    /**
     * One county's page; {@code indexHref} links back to an overview ({@code null}: no link).
     *
     * @throws org.safecounty.internal.report.template.TemplateException when a province's template fails
     */
    public String county(AssessmentResult r, PackCatalogue catalogue, Lang lang, String indexHref) {
        return templates.render("county.peb", ReportModel.county(r, catalogue, lang, indexHref));
    }

    /**
     * The overview of a batch: verdict counts, the ranking by total overall and within each city,
     * each county linked to its page, year-over-year change, and the submissions that were rejected.
     *
     * @throws org.safecounty.internal.report.template.TemplateException when a province's template fails
     */
    public String overview(String title, List<ReportEntry> entries, PackCatalogue catalogue, Lang lang) {
        return templates.render("overview.peb", ReportModel.overview(title, entries, catalogue, lang));
    }

    /** The style sheet every page shares ({@code style.css} of the bundled templates), for other pages in the same style. */
    public static String css() {
        return Templates.defaultText("style.css");
    }

    /**
     * Escapes text for HTML element content and quoted attribute values; control, bidirectional
     * and line-breaking characters become visible escapes ({@link HtmlText}, the templates' escaping).
     */
    public static String esc(String s) {
        return HtmlText.escape(s);
    }
}
