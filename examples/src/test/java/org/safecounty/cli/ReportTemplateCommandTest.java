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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --template DIR}: a province's own templates, a default for each one the folder
 * lacks; {@code report --export-templates DIR}: the defaults written out to copy; a template that
 * cannot be used is one line naming its file and line, exit status 64.
 */
class ReportTemplateCommandTest {

    static final Path PLAIN_PRINT = Path.of("templates/plain-print");
    static final String HOSTILE = "<script>window.pwned=1</script>恶意县\"'&<img src=x onerror=\"window.pwned=2\">";

    static String[] args(String... prefix) throws IOException {
        List<String> args = new ArrayList<>(List.of(prefix));
        args.addAll(ReportCommandTest.samples());
        return args.toArray(String[]::new);
    }

    @Test
    void report_withThePlainPrintTemplates(@TempDir Path dir) throws IOException {
        JsonMapper json = new JsonMapper();
        ObjectNode s = (ObjectNode) json.readTree(Path.of("samples/130123-zhengding.json").toFile());
        ((ObjectNode) s.get("county")).put("name", HOSTILE).put("city", HOSTILE);
        Path hostile = Files.writeString(dir.resolve("hostile.json"), json.writeValueAsString(s));
        List<String> args = new ArrayList<>(List.of(args("report", "--template", PLAIN_PRINT.toString(), "--out",
                dir.resolve("out").toString())));
        args.add(hostile.toString());
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.err());
        String css = Files.readString(PLAIN_PRINT.resolve("style.css"), StandardCharsets.UTF_8);
        String page = Files.readString(dir.resolve("out/130426-shexian.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("<style>\n" + css + "</style>"), "the folder's style sheet");
        assertTrue(page.contains("<body class=\"plain-print\">") && page.contains("<table class=\"summary\">"),
                "the folder's layout and county page");
        assertFalse(page.contains("<svg"), "no radar chart in the print layout");
        assertTrue(page.contains("<h1 id=\"title\">涉县</h1>"), page);
        String index = Files.readString(dir.resolve("out/index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("<body class=\"plain-print\">"), "the default overview in the folder's layout");
        assertTrue(index.contains("<table id=\"ranking\">") && index.contains("href=\"130426-shexian.html\""),
                "the default overview.peb and macros.peb");
        for (String name : List.of("index.html", "hostile.html")) {
            String html = Files.readString(dir.resolve("out").resolve(name), StandardCharsets.UTF_8);
            assertFalse(html.contains("<script") || html.contains("<img"), name + " keeps the hostile name as text");
            assertTrue(html.contains("&lt;script&gt;window.pwned=1&lt;/script&gt;恶意县&quot;&#39;&amp;&lt;img"), name);
        }
    }

    @Test
    void report_withNoTemplate_isAsBefore(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(0, CliRun.of(args("report", "--template", empty.toString(), "--out", dir.resolve("a").toString())).status());
        assertEquals(0, CliRun.of(args("report", "--out", dir.resolve("b").toString())).status());
        for (String name : List.of("index.html", "130426-shexian.html")) {
            assertEquals(Files.readString(dir.resolve("b").resolve(name)), Files.readString(dir.resolve("a").resolve(name)),
                    "an empty folder is the defaults: " + name);
        }
    }

    @Test
    void aTemplateWithASyntaxError_isOneLineNamingFileAndLine_exit64(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(folder.resolve("county.peb"), "{% extends \"layout.peb\" %}\n{% block body %}\n<p>{% if %}</p>\n{% endblock %}\n");
        CliRun run = CliRun.of(args("report", "--template", folder.toString(), "--out", dir.resolve("out").toString()));
        assertEquals(64, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        String problem = "Unexpected token \"EXECUTE_END\" of value \"%}\"";
        assertEquals(folder.toRealPath().resolve("county.peb") + ":3: 报告模板有误：" + problem + " / report template error: "
                + problem + "\n", run.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written");
        assertEquals("", run.out());
    }

    @Test
    void aTemplateThatFailsWhileRendering_isOneLine_exit64(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(folder.resolve("county.peb"), "<p>\n{{ county.name.getClass() }}</p>\n");
        CliRun run = CliRun.of("report", "--template", folder.toString(), "--out", dir.resolve("out").toString(),
                ReportCommandTest.samples().get(0));
        assertEquals(64, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("county.peb:2: 报告模板有误：no method can be called"), run.err());
    }

    @Test
    void aMissingTemplateFolder_exit64(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(args("report", "--template", dir.resolve("nope").toString(), "--out", dir.toString()));
        assertEquals(64, run.status());
        assertTrue(run.err().contains("no such template folder"), run.err());
    }

    @Test
    void exportTemplates_writesTheDefaultsOnce(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("copy");
        CliRun run = CliRun.of("report", "--export-templates", copy.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("county.peb, overview.peb, layout.peb, macros.peb, style.css"), run.out());
        Files.writeString(copy.resolve("style.css"), "body{color:#123}\n");
        run = CliRun.of("report", "--export-templates", copy.toString());
        assertEquals(64, run.status());
        assertTrue(run.err().contains("nothing was written") && run.err().contains("county.peb"), run.err());
        assertEquals("body{color:#123}\n", Files.readString(copy.resolve("style.css")), "an edited copy is kept");
        run = CliRun.of(args("report", "--template", copy.toString(), "--out", dir.resolve("out").toString()));
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.readString(dir.resolve("out/index.html")).contains("<style>\nbody{color:#123}\n</style>"));
    }

    @Test
    void usageErrors_exit64(@TempDir Path dir) throws IOException {
        assertEquals(64, CliRun.of("report", ReportCommandTest.samples().get(0)).status(), "no --out");
        CliRun run = CliRun.of("report", "--out", dir.toString());
        assertEquals(64, run.status());
        assertTrue(run.err().contains("Missing required parameter: 'FILE|DIR'"), run.err());
        run = CliRun.of("report", "--export-templates", dir.resolve("x").toString(), "--out", dir.toString());
        assertEquals(64, run.status());
        assertTrue(run.err().contains("--export-templates takes no --out"), run.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
