package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assess} as the exchange format's last section fixes it. */
class AssessCommandTest {

    static final String PASS = "samples/130983-huanghua.json";
    static final String VETOED = "samples/131022-guan.json";
    static final JsonMapper JSON = new JsonMapper();

    @Test
    void assess_jsonPrintsOneElementPerFileInOrderAndExitsZeroWhenAllAssessed() throws IOException {
        CliRun run = CliRun.of("assess", "--format", "json", VETOED, PASS);
        assertEquals(0, run.status(), run.err());
        JsonNode array = JSON.readTree(run.out());
        assertEquals(2, array.size());
        assertEquals(VETOED, array.get(0).get("file").asText());
        assertEquals("VETOED", array.get(0).get("result").get("verdict").asText());
        assertEquals(PASS, array.get(1).get("file").asText());
        assertEquals("PASS", array.get(1).get("result").get("verdict").asText());
    }

    @Test
    void assess_assessesEveryFileEvenWhenOneIsRejectedAndExitsTwo(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(Path.of(PASS)).replace("\"ACCEPTANCE\"", "\"REVIEW\""));
        CliRun run = CliRun.of("assess", "--format", "json", broken.toString(), PASS);
        assertEquals(2, run.status());
        JsonNode array = JSON.readTree(run.out());
        assertEquals(2, array.size());
        JsonNode errors = array.get(0).get("errors");
        assertFalse(array.get(0).has("result"), "a rejected submission never gets a partial score");
        assertEquals("assessment.mode", errors.get(0).get("path").asText());
        assertTrue(errors.get(0).get("message").asText().contains("/"), "the message is in Chinese and English");
        assertEquals("PASS", array.get(1).get("result").get("verdict").asText());
    }

    @Test
    void assess_sameInputGivesTheSameBytesTwice() {
        String first = CliRun.of("assess", "--format", "json", PASS, VETOED).out();
        String second = CliRun.of("assess", "--format", "json", PASS, VETOED).out();
        assertEquals(first, second);
    }

    @Test
    void assess_resultCarriesEveryFieldTheExchangeFormatFixes() throws IOException {
        JsonNode r = JSON.readTree(CliRun.of("assess", "--format", "json", VETOED).out()).get(0).get("result");
        for (String field : List.of("county", "standard", "mode", "verdict", "totalScore", "baseScore", "bonusScore",
                "tasks", "indicators", "bonus", "vetoes", "notAccepted", "rectification")) {
            assertTrue(r.has(field), "result has " + field);
        }
        assertFields(r.get("county"), "code", "name");
        assertFields(r.get("standard"), "id", "version", "sha256");
        assertEquals(64, r.get("standard").get("sha256").asText().length());
        assertFields(r.get("tasks").get(0), "id", "score", "max");
        assertEquals(7, r.get("tasks").size());
        for (JsonNode i : r.get("indicators")) {
            assertFields(i, "id", "task", "score", "max", "status", "evidence", "rule", "explanation");
            assertFalse(i.get("explanation").asText().isBlank(), i.get("id") + " is explained");
            assertFalse(i.get("rule").asText().isBlank(), i.get("id") + " names its rule");
        }
        assertFields(r.get("bonus").get(0), "id", "score", "evidence");
        assertFields(r.get("vetoes").get(0), "id", "evidence", "explanation");
        assertFields(r.get("rectification").get(0), "kind");
        assertTrue(r.get("totalScore").isNumber() && r.get("tasks").get(0).get("max").isNumber(), "scores are numbers");
    }

    @Test
    void assess_textIsTheDefaultAndEndsWithASummaryOfVerdicts() {
        CliRun run = CliRun.of("assess", PASS, VETOED);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("结论 verdict   达标 PASS"), run.out());
        assertTrue(run.out().contains("否决 VETOED") || run.out().contains("VETOED"), run.out());
        assertTrue(run.out().contains("汇总 summary"), run.out());
    }

    @Test
    void assess_unknownStandardIsRejectedAtItsPath(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(Path.of(PASS)).replace("hebei-fds-county-2014", "hebei-fds-county-1999"));
        JsonNode errors = JSON.readTree(CliRun.of("assess", "--format", "json", other.toString()).out()).get(0).get("errors");
        assertEquals("assessment.standard", errors.get(0).get("path").asText());
    }

    @Test
    void assess_missingFileIsRejectedAndTheOthersStillAssessed() throws IOException {
        CliRun run = CliRun.of("assess", "--format", "json", "no-such-file.json", PASS);
        assertEquals(2, run.status());
        JsonNode array = JSON.readTree(run.out());
        assertEquals("$", array.get(0).get("errors").get(0).get("path").asText());
        assertTrue(array.get(1).has("result"));
    }

    @Test
    void assess_withoutFilesIsAUsageError() {
        assertEquals(SafecountyCommand.EXIT_USAGE, CliRun.of("assess").status());
    }

    private static void assertFields(JsonNode node, String... fields) {
        for (String f : fields) {
            assertTrue(node.has(f), node + " has " + f);
        }
    }
}
