package org.safecounty.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;

/**
 * What the templates are given: plain values only, every word in both languages, links that can
 * only name a page beside the report.
 */
class ReportModelTest {

    static final String HOSTILE = "<script>alert(1)</script>\"'&";

    static AssessmentResult hostile() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("county")).put("name", HOSTILE).put("city", HOSTILE);
        MiniPack.remove(s, "a.hours");           // something missing: a rectification item
        return MiniPack.assess(s);
    }

    /** Maps with text keys, lists, texts, whole numbers, true/false and null: nothing a template could call. */
    static void assertPlain(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Integer || value instanceof Boolean) {
            return;
        }
        if (value instanceof List<?> list) {
            assertThrows(UnsupportedOperationException.class, () -> list.add(null), path + " is read-only");
            for (int i = 0; i < list.size(); i++) {
                assertPlain(list.get(i), path + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            assertThrows(UnsupportedOperationException.class, () -> map.clear(), path + " is read-only");
            map.forEach((k, v) -> {
                assertTrue(k instanceof String, path + ": a text key");
                assertPlain(v, path + "." + k);
            });
            return;
        }
        throw new AssertionError(path + " is a " + value.getClass().getName());
    }

    @Test
    void theViewModels_holdPlainValuesOnly() {
        AssessmentResult r = hostile();
        List<ReportEntry> entries = List.of(new ReportEntry("a.json", HOSTILE, "a.html", new Outcome.Assessed(r), 2020),
                new ReportEntry("b.json", null, null, MiniPack.assessor().assess("{}"), 0));
        for (Lang lang : Lang.values()) {
            assertPlain(ReportModel.county(r, MiniPack.pack().catalogue(), lang, "index.html"), "county");
            assertPlain(ReportModel.overview("T", entries, MiniPack.pack().catalogue(), lang), "overview");
            assertPlain(ReportModel.overview("T", entries.subList(1, 2), null, lang), "overview of rejected only");
        }
    }

    /** Every name a template can read, at any depth, is in docs/reports.md's view model section. */
    @Test
    void everyVariable_isDocumented() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/reports.md"));
        String section = docs.substring(docs.indexOf("### 视图模型 · The view model"), docs.indexOf("## Markdown and text"));
        AssessmentResult r = hostile();
        List<ReportEntry> entries = List.of(new ReportEntry("a.json", "c", "a.html", new Outcome.Assessed(r), 2020),
                new ReportEntry("b.json", "c", "b.html", new Outcome.Assessed(r), 2021),
                new ReportEntry("c.json", null, null, MiniPack.assessor().assess("{}"), 0));
        java.util.Set<String> names = new java.util.TreeSet<>();
        collect(ReportModel.county(r, MiniPack.pack().catalogue(), Lang.ZH, "index.html"), names);
        collect(ReportModel.overview("T", entries, MiniPack.pack().catalogue(), Lang.ZH), names);
        assertTrue(names.containsAll(List.of("trends", "change", "problems", "message", "cssClass", "percent")), names.toString());
        List<String> missing = names.stream().filter(n -> !section.contains("`" + n + "`") && !section.contains("{" + n + ",")
                && !section.contains(" " + n + ",") && !section.contains(" " + n + "}")).toList();
        assertEquals(List.of(), missing, "documented in docs/reports.md, The view model");
    }

    private static void collect(Object value, java.util.Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                names.add((String) k);
                collect(v, names);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, names));
        }
    }

    @Test
    void everyWord_isInBothLanguages() {
        Map<String, Object> zh = ReportModel.words(Lang.ZH);
        Map<String, Object> en = ReportModel.words(Lang.EN);
        assertEquals(zh.keySet(), en.keySet());
        zh.forEach((k, v) -> assertFalse(((String) v).isEmpty() || ((String) en.get(k)).isEmpty(), k));
    }

    @Test
    void aLink_namesOnlyAPageBesideTheReport() {
        assertEquals("130123-zhengding.html", ReportModel.href("130123-zhengding.html"));
        assertEquals("javascript%3Aalert%281%29", ReportModel.href("javascript:alert(1)"));
        assertEquals("%2F%2Fevil.example%2Fx.html", ReportModel.href("//evil.example/x.html"));
        assertEquals("..%2F..%2Fetc%2Fpasswd", ReportModel.href("../../etc/passwd"));
        assertEquals("%22%3E%3Cscript%3E%27", ReportModel.href("\"><script>'"));
        assertEquals("%E6%B6%89%E5%8E%BF.html", ReportModel.href("涉县.html"));
        String page = new HtmlReport().overview("T", List.of(new ReportEntry("a.json", null, "javascript:alert(1)",
                new Outcome.Assessed(hostile()))), MiniPack.pack().catalogue(), Lang.ZH);
        assertTrue(page.contains("<a href=\"javascript%3Aalert%281%29\">"), page);
    }

    @Test
    void submissionText_isEscapedOnEveryPage() {
        AssessmentResult r = hostile();
        List<ReportEntry> entries = List.of(new ReportEntry(HOSTILE, HOSTILE, "a.html", new Outcome.Assessed(r)),
                new ReportEntry(HOSTILE + ".json", null, null, MiniPack.assessor().assess("{\"county\": \"<b>\"}")));
        for (Lang lang : Lang.values()) {
            for (String page : List.of(new HtmlReport().county(r, MiniPack.pack().catalogue(), lang, HOSTILE),
                    new HtmlReport().overview(HOSTILE, entries, MiniPack.pack().catalogue(), lang))) {
                assertFalse(page.contains("<script") || page.contains("<b>"), page);
                assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), page);
            }
        }
    }

    @Test
    void pagesRenderedOnManyThreads_areTheSame() throws Exception {
        AssessmentResult r = hostile();
        String expected = new HtmlReport().county(r, MiniPack.pack().catalogue(), Lang.EN, "index.html");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                pages.add(pool.submit(() -> new HtmlReport().county(r, MiniPack.pack().catalogue(), Lang.EN, "index.html")));
            }
            for (Future<String> p : pages) {
                assertEquals(expected, p.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
