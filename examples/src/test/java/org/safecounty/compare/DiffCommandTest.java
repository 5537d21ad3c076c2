package org.safecounty.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.cli.SafecountyCommand;
import picocli.CommandLine;

/**
 * {@code diff} between the two bundled packs on three counties worked by hand from the 2014 and
 * 2016 texts, one per kind of change: a new veto, a score that drops below a line, and no flip
 * with a capped bonus and a key the older pack does not know. Each starts from the 2014 pack's
 * base county (栾城区: population 342,000, every indicator full, total 100, EXCELLENT).
 */
class DiffCommandTest {

    static final Path BASE = Path.of("../rules/hebei-fds-county-2014/tests/base-county.json");
    static final JsonMapper JSON = new JsonMapper();

    @Test
    void diffOfTheBundledPacksNamesEachFlipAndWhy(@TempDir Path dir) throws IOException {
        // A: 1,400 food samples = 4.09 per 1,000 ≥ 4 (2014) but < 5 (2016): V3 vetoes; T3.1 5 → 2,
        //    T3.6 3 → 2 (max 2), T3.10 missing → 0: base 100 − 3 − 1 = 96, VETOED
        ObjectNode a = base();
        // B: 1,800 food samples (5.26 per 1,000, both fine), 1,772 passed (28 failed, 28 handled),
        //    satisfaction 82: 2014 T7.1 ≥ 80 → 5, total 100 EXCELLENT; 2016 T7.1 ≥ 80 → 4 (of 5),
        //    T3.6 → 2 of 2, T3.10 missing → 0: base 100 − 1 − 1 = 98, PASS
        ObjectNode b = base();
        set(b, "enf.food_samples", 1800);
        set(b, "enf.food_samples_passed", 1772);
        set(b, "soc.satisfaction_score", 82);
        // C: as B, plus grid supervision (unknown to 2014) and five bonus actions:
        //    2014: 100 + 10 = 110 EXCELLENT; 2016: T3.10 → 1, base 99, bonus 10 capped at 8: 107 EXCELLENT
        ObjectNode c = b.deepCopy();
        add(c, "enf.grid_supervision", true);
        for (String k : List.of("bonus.grid_supervision", "bonus.smart_supervision", "bonus.cogovernance_innovation",
                "bonus.provincial_model", "bonus.regional_testing_cooperation")) {
            add(c, k, true);
        }
        List<String> files = new ArrayList<>();
        for (var e : List.of(a, b, c)) {
            Path f = dir.resolve("county-" + files.size() + ".json");
            Files.writeString(f, e.toString());
            files.add(f.toString());
        }
        List<String> args = new ArrayList<>(List.of("diff", "--from", "hebei-fds-county-2014", "--to",
                "../rules/hebei-fds-county-2016", "--format", "json"));
        args.addAll(files);
        StringWriter out = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        assertEquals(0, cli.execute(args.toArray(String[]::new)), out.toString());
        JsonNode diff = JSON.readTree(out.toString());

        assertEquals(3, diff.get("counties").asInt());
        assertEquals(1, diff.at("/matrix/EXCELLENT/VETOED").asInt());
        assertEquals(1, diff.at("/matrix/EXCELLENT/PASS").asInt());
        assertEquals(1, diff.at("/matrix/EXCELLENT/EXCELLENT").asInt());

        JsonNode changeA = change(diff, files.get(0));
        assertEquals("VETOED", changeA.get("to").asText());
        assertEquals(96.0, changeA.get("totalTo").asDouble());
        assertCauses(changeA, "T3.1 5 → 2 MET → PARTIAL", "T3.6 3 → 2", "T3.10 new: 0 MISSING", "V3 triggered");

        JsonNode changeB = change(diff, files.get(1));
        assertEquals("PASS", changeB.get("to").asText());
        assertEquals(98.0, changeB.get("totalTo").asDouble());
        assertCauses(changeB, "T7.1 5 → 4 MET → PARTIAL", "T3.10 new: 0 MISSING");

        JsonNode changeC = change(diff, files.get(2));
        assertEquals("EXCELLENT", changeC.get("to").asText());
        assertEquals(110.0, changeC.get("totalFrom").asDouble());
        assertEquals(107.0, changeC.get("totalTo").asDouble());
        assertCauses(changeC, "T3.10 new: 1 MET", "bonus 10 → 8");
        assertEquals("enf.grid_supervision", changeC.get("ignoredKeys").get(0).asText());

        assertEquals(2, diff.at("/newMissingKeys/enf.grid_supervision").asInt(), "A and B now lack grid supervision");
        // impact order: A (−4) before C (−3) before B (−2)
        assertEquals(files.get(0), diff.get("changes").get(0).get("file").asText());
        assertEquals(files.get(2), diff.get("changes").get(1).get("file").asText());
    }

    static JsonNode change(JsonNode diff, String file) {
        for (JsonNode c : diff.get("changes")) {
            if (c.get("file").asText().equals(file)) {
                return c;
            }
        }
        throw new AssertionError("no change for " + file);
    }

    static void assertCauses(JsonNode change, String... causes) {
        List<String> got = new ArrayList<>();
        change.get("causes").forEach(c -> got.add(c.asText()));
        for (String cause : causes) {
            assertTrue(got.contains(cause), cause + " in " + got);
        }
    }

    static ObjectNode base() throws IOException {
        return (ObjectNode) JSON.readTree(BASE.toFile());
    }

    static void set(ObjectNode s, String key, int value) {
        for (JsonNode item : s.get("evidence")) {
            if (item.get("key").asText().equals(key)) {
                ((ObjectNode) item).put("value", value);
            }
        }
    }

    static void add(ObjectNode s, String key, boolean value) {
        ObjectNode item = ((ArrayNode) s.get("evidence")).addObject();
        item.put("id", "x-" + key);
        item.put("key", key);
        item.put("value", value);
        item.put("date", "2014-06-30");
        item.put("verified", true);
    }
}
