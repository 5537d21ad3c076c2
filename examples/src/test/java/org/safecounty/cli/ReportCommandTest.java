package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} writes self-contained HTML; {@code assess --format markdown} prints Markdown. */
class ReportCommandTest {

    static final Path SAMPLES = Path.of("samples");

    static List<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(Path::toString).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void report_writesAnIndexAndOnePagePerCounty(@TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("report", "--out", dir.toString()));
        args.addAll(samples());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        String index = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), index.substring(0, 60));
        for (String s : samples()) {
            String page = Path.of(s).getFileName().toString().replace(".json", ".html");
            assertTrue(Files.exists(dir.resolve(page)), page);
            assertTrue(index.contains("href=\"" + page + "\""), "the overview links " + page);
        }
        assertTrue(index.contains("各市排名") && index.contains("总排名") && index.contains("结论统计"), "overview sections");
        String page = Files.readString(dir.resolve("130426-shexian.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("整改清单") && page.contains("指标得分与说明") && page.contains("<svg class=\"radar\""));
        for (String html : List.of(index, page)) {
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing is fetched from a network");
            assertFalse(html.contains("<script") || html.contains("<link rel=\"stylesheet\""), "no script, no external style");
        }
    }

    @Test
    void report_isTheSameBytesEachTimeAndEnglishOnRequest(@TempDir Path dir) throws IOException {
        String file = samples().get(0);
        assertEquals(0, CliRun.of("report", "--out", dir.resolve("a").toString(), "--lang", "en", file).status());
        assertEquals(0, CliRun.of("report", "--out", dir.resolve("b").toString(), "--lang", "en", file).status());
        String name = Path.of(file).getFileName().toString().replace(".json", ".html");
        String a = Files.readString(dir.resolve("a").resolve(name), StandardCharsets.UTF_8);
        assertEquals(a, Files.readString(dir.resolve("b").resolve(name), StandardCharsets.UTF_8));
        assertEquals(Files.readString(dir.resolve("a/index.html")), Files.readString(dir.resolve("b/index.html")));
        assertTrue(a.contains("<html lang=\"en\">") && a.contains("Rectification list"), "English page");
    }

    @Test
    void report_escapesTextFromTheSubmission(@TempDir Path dir) throws IOException {
        JsonMapper json = new JsonMapper();
        ObjectNode s = (ObjectNode) json.readTree(SAMPLES.resolve("130123-zhengding.json").toFile());
        ((ObjectNode) s.get("county")).put("name", "<script>alert(1)</script>&县").put("city", "<b>市</b>");
        Path file = dir.resolve("x.json");
        Files.writeString(file, json.writeValueAsString(s));
        assertEquals(0, CliRun.of("report", "--out", dir.resolve("out").toString(), file.toString()).status());
        for (String name : List.of("index.html", "x.html")) {
            String html = Files.readString(dir.resolve("out").resolve(name), StandardCharsets.UTF_8);
            assertFalse(html.contains("<script>") || html.contains("<b>市"), name + " keeps markup as text");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;县"), name);
        }
    }

    @Test
    void report_rejectedFilesAreOnTheOverviewAndExitTwo(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"county\": {}}");
        CliRun run = CliRun.of("report", "--out", dir.resolve("out").toString(), samples().get(0), bad.toString());
        assertEquals(2, run.status());
        String index = Files.readString(dir.resolve("out/index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("id=\"rejected\"") && index.contains("bad.json"), "the rejected file is listed");
    }

    @Test
    void report_unknownLanguageIsAUsageError(@TempDir Path dir) throws IOException {
        assertEquals(64, CliRun.of("report", "--out", dir.toString(), "--lang", "fr", samples().get(0)).status());
    }

    @Test
    void assess_markdownForPastingIntoDocuments() throws IOException {
        CliRun run = CliRun.of("assess", "--format", "markdown", "samples/130426-shexian.json");
        assertEquals(0, run.status(), run.err());
        String md = run.out();
        assertTrue(md.startsWith("## 涉县（130426）"), md.substring(0, 40));
        assertTrue(md.contains("| 指标 | 得分 | 状态 | 说明 |"), "indicator table");
        assertTrue(md.contains("### 整改清单\n\n1. 消除否决项 V2"), md);
        long rows = md.lines().filter(l -> l.matches("\\| T\\d\\.\\d.*")).count();
        long catalogued = org.safecounty.Assessor.bundled().pack("hebei-fds-county-2014").orElseThrow().catalogue()
                .indicators().count();
        assertEquals(catalogued, rows, "one row per indicator");
        String en = CliRun.of("assess", "--format", "markdown", "--lang", "en", "samples/130426-shexian.json").out();
        assertTrue(en.contains("### Rectification list") && en.contains("Remove veto V2"), en);
    }
}
