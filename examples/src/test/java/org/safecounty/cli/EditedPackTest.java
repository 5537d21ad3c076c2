package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy staff change the standard by editing files: a copy of the bundled pack with one parameter
 * and one rule file edited, used with {@code --rules}, changes verdicts with no Java compiled.
 */
class EditedPackTest {

    static final Path BUNDLED = Path.of("../rules/hebei-fds-county-2014");
    static final JsonMapper JSON = new JsonMapper();

    @Test
    void raisingThePassLineTo95_turnsAPassAt91Into_FAIL(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        // 黄骅市 totals 91.05 (EXPECTED.md): PASS at 90, short of 95
        assertEquals("PASS", verdict(pack, "samples/130983-huanghua.json"));
        edit(pack.resolve("parameters.yaml"), "pass_line:\n  zh: 达标线（基础分＋加分）\n  en: pass line (base + bonus)\n  ref: \"§7\"\n  value: 90",
                "pass_line:\n  zh: 达标线（基础分＋加分）\n  en: pass line (base + bonus)\n  ref: \"§7\"\n  value: 95");
        assertEquals("FAIL", verdict(pack, "samples/130983-huanghua.json"));
    }

    @Test
    void droppingTheDutiesPartOfT1_1_turnsAPassAtExactly90Into_FAIL(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        // 玉田县 totals exactly 90.00 with T1.1 at 3 (EXPECTED.md); without the duties point: 89 < 90
        assertEquals("PASS", verdict(pack, "samples/130229-yutian.json"));
        edit(pack.resolve("rules/t1-organisation.drl"),
                "    $i.award( $i.when( $i.flag(\"org.member_duties_documented\"), params.number(\"T1.1.duties_points\") ) );\n",
                "");
        JsonNode result = result(pack, "samples/130229-yutian.json");
        assertEquals("FAIL", result.get("verdict").asText());
        assertEquals(89.0, result.get("totalScore").asDouble());
    }

    @Test
    void anEditedPackNamesItsOwnDigest(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        String before = result(pack, "samples/130229-yutian.json").get("standard").get("sha256").asText();
        edit(pack.resolve("parameters.yaml"), "value: 0.6", "value: 0.5");
        String after = result(pack, "samples/130229-yutian.json").get("standard").get("sha256").asText();
        assertNotEquals(before, after);
    }

    @Test
    void aBrokenRuleEditIsReportedWithFileAndLineAndNothingIsAssessed(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        edit(pack.resolve("rules/t1-organisation.drl"), "params.bands(\"T1.2.bands\")", "params.bands(\"T1.2.bandz\")");
        CliRun run = CliRun.of("assess", "--rules", pack.toString(), "samples/130229-yutian.json");
        assertEquals(SafecountyCommand.EXIT_USAGE, run.status());
        assertTrue(run.err().contains("rules/t1-organisation.drl:23"), run.err());
        assertTrue(run.err().contains("parameters.yaml 中没有参数 T1.2.bandz"), run.err());
        assertTrue(run.out().isEmpty(), "nothing assessed with a broken pack");
    }

    /**
     * Issue 15: an edited pack is never taken for the bundled one of its id. Every output a person
     * reads names it "本地修改 modified" with its folder and sha256; JSON carries that sha256.
     */
    @Test
    void anEditedPackIsNamedAsModified_inEveryOutput(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        edit(pack.resolve("parameters.yaml"), "value: 0.6", "value: 0.5");
        String sha = result(pack, "samples/130229-yutian.json").get("standard").get("sha256").asText();
        String note = "hebei-fds-county-2014 2014.1.0 本地修改 modified · " + pack + " · sha256 " + sha;
        String sample = "samples/130229-yutian.json";

        CliRun text = CliRun.of("assess", "--rules", pack.toString(), sample);
        assertEquals("规则包 rule pack: " + note, text.out().lines().findFirst().orElseThrow(), text.out());
        CliRun en = CliRun.of("assess", "--lang", "en", "--rules", pack.toString(), sample);
        assertTrue(en.out().startsWith("rule pack: hebei-fds-county-2014 2014.1.0 modified · " + pack + " · sha256 " + sha
                + "\n"), en.out());
        CliRun markdown = CliRun.of("assess", "--format", "markdown", "--rules", pack.toString(), sample);
        assertTrue(markdown.out().startsWith("> 规则包：hebei-fds-county-2014 2014.1.0 本地修改 · "), markdown.out());
        assertTrue(markdown.out().contains(sha), markdown.out());
        CliRun jsonl = CliRun.of("assess", "--format", "jsonl", "--rules", pack.toString(), sample);
        assertTrue(jsonl.out().contains("\"sha256\":\"" + sha + "\""), jsonl.out());

        Path report = dir.resolve("report");
        assertEquals(0, CliRun.of("report", "--lang", "en", "--rules", pack.toString(), "--out", report.toString(), sample)
                .status());
        for (String page : List.of("index.html", "130229-yutian.html")) {
            String html = Files.readString(report.resolve(page));
            assertTrue(html.contains("<body>\n<p class=\"muted\" id=\"local-pack\">rule pack: hebei-fds-county-2014 "
                    + "2014.1.0 modified · "), page + "\n" + html);
            assertTrue(html.contains(sha), page);
        }

        for (String format : List.of("text", "html", "json")) {
            CliRun diff = CliRun.of("diff", "--from", pack.toString(), "--to", "hebei-fds-county-2016", "--format", format,
                    sample);
            assertEquals(0, diff.status(), diff.err());
            assertTrue(diff.out().contains(sha), format + "\n" + diff.out());
            if (!format.equals("json")) {
                assertTrue(diff.out().contains("本地修改 modified · " + pack), format + "\n" + diff.out());
            }
        }
        // the bundled pack is named as before, with no note
        assertFalse(CliRun.of("assess", sample).out().contains("本地修改"));
    }

    /** {@code test}: a pack whose own cases fail is exit status 1, not a usage error. */
    @Test
    void aPackWhoseOwnCasesFail_exits1(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        edit(pack.resolve("parameters.yaml"), "  ref: \"§7\"\n  value: 90", "  ref: \"§7\"\n  value: 95");
        CliRun run = CliRun.of("test", "--lang", "en", pack.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().contains("verdict: expected PASS, actual FAIL"), run.out());
        assertTrue(run.out().matches("(?s).*\n\\d+ passed, [1-9]\\d* failed\n"), run.out());
        assertEquals("", run.err());
    }

    private static String verdict(Path pack, String file) throws IOException {
        return result(pack, file).get("verdict").asText();
    }

    private static JsonNode result(Path pack, String file) throws IOException {
        CliRun run = CliRun.of("assess", "--format", "json", "--rules", pack.toString(), file);
        assertEquals(0, run.status(), run.err() + run.out());
        return JSON.readTree(run.out()).get(0).get("result");
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " contains the text to edit");
        Files.writeString(file, text.replace(from, to));
    }

    static Path copy(Path dir) throws IOException {
        return org.safecounty.BundledPackCopy.into(dir);
    }
}
