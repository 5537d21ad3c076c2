package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
