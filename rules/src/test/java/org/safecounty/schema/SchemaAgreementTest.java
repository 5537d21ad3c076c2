package org.safecounty.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.catalogue.CatalogueReader;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.Problem;
import org.safecounty.testkit.JsonSchemas;

/**
 * The schemas and the library's own readers agree: every slip the schema catches in an editor,
 * the reader refuses when the pack is loaded, its tests read or a submission assessed, each naming
 * the same field; and what both accept, both accept. Each slip is made in a copy of the bundled
 * packs, in the file as it is read (the YAML written again from its tree).
 */
class SchemaAgreementTest {

    private static final String P2014 = "hebei-fds-county-2014/";
    private static final String P2016 = "hebei-fds-county-2016/";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @TempDir
    Path tmp;

    /** A slip in one file of a pack: the field the schema and the reader must both name. */
    private record Slip(String what, String file, String field, Consumer<ObjectNode> change) {
    }

    private static List<Slip> slips() {
        return List.of(
                // pack.yaml of a full pack
                new Slip("an unknown field at the top level", P2014 + "pack.yaml", "colour",
                        p -> p.put("colour", "red")),
                new Slip("an unknown field in a task", P2014 + "pack.yaml", "colour",
                        p -> at(p, "tasks", 0).put("colour", "red")),
                new Slip("an unknown field in an indicator", P2014 + "pack.yaml", "colour",
                        p -> at(p, "tasks", 0, "indicators", 1).put("colour", "red")),
                new Slip("an unknown field in a key", P2014 + "pack.yaml", "unit",
                        p -> at(p, "keys", "org.assessment_weight_pct").put("unit", "%")),
                new Slip("a misspelt key type", P2014 + "pack.yaml", "type",
                        p -> at(p, "keys", "org.assessment_weight_pct").put("type", "PERCENTAGE")),
                new Slip("a string where a task's max belongs", P2014 + "pack.yaml", "max",
                        p -> at(p, "tasks", 0).put("max", "12")),
                new Slip("keyitem for keyItem", P2014 + "pack.yaml", "keyitem",
                        p -> at(p, "tasks", 0, "indicators", 1).put("keyitem", true)),
                new Slip("rounding not one of the five", P2014 + "pack.yaml", "rounding",
                        p -> p.put("rounding", "HALF_AWAY")),
                new Slip("notApplicable neither FULL_POINTS nor ZERO", P2014 + "pack.yaml", "notApplicable",
                        p -> p.put("notApplicable", "NONE")),
                new Slip("a verdict code not in upper case", P2014 + "pack.yaml", "verdicts",
                        p -> at(p, "verdicts", 1).put("id", "Pass")),
                new Slip("a verdict level without passes", P2014 + "pack.yaml", "passes",
                        p -> at(p, "verdicts", 1).remove("passes")),
                new Slip("an unknown field in a verdict level", P2014 + "pack.yaml", "colour",
                        p -> at(p, "verdicts", 1).put("colour", "green")),
                new Slip("before: in a full pack", P2014 + "pack.yaml", "before",
                        p -> at(p, "verdicts", 1).put("before", "EXCELLENT")),
                // parameters.yaml
                new Slip("an unknown field in a parameter", P2014 + "parameters.yaml", "unit",
                        p -> at(p, "pass_line").put("unit", "points")),
                new Slip("an unknown field in a band", P2014 + "parameters.yaml", "note",
                        p -> at(p, "T1.2.bands", "bands", 0).put("note", "full points")),
                new Slip("a string where a parameter's value belongs", P2014 + "parameters.yaml", "pass_line",
                        p -> at(p, "pass_line").put("value", "90")),
                new Slip("a floor above 1", P2014 + "parameters.yaml", "key_item_floor",
                        p -> at(p, "key_item_floor").put("value", 60)),
                // tests/*.yaml
                new Slip("an unknown field in a test case", P2014 + "tests/t1-organisation.yaml", "colour",
                        t -> at(t, "cases", 0).put("colour", "red")),
                new Slip("an unknown field in expect", P2014 + "tests/t1-organisation.yaml", "colour",
                        t -> at(t, "cases", 0, "expect").put("colour", "red")),
                new Slip("verdcit: in expect", P2014 + "tests/t1-organisation.yaml", "verdcit",
                        t -> at(t, "cases", 0, "expect").put("verdcit", "FAIL")),
                new Slip("an unknown field in an expected indicator", P2014 + "tests/t1-organisation.yaml", "stauts",
                        t -> at(t, "cases", 0, "expect", "indicators", "T1.1").put("stauts", "MET")),
                new Slip("a verdict code not in upper case in expect", P2014 + "tests/t1-organisation.yaml", "verdict",
                        t -> at(t, "cases", 0, "expect").put("verdict", "Excellent")),
                new Slip("a string where an expected total belongs", P2014 + "tests/t1-organisation.yaml", "totalScore",
                        t -> at(t, "cases", 0, "expect").put("totalScore", "100")),
                new Slip("an empty tasks map in expect, which checks nothing", P2014 + "tests/t1-organisation.yaml",
                        "tasks", t -> at(t, "cases", 0, "expect").putObject("tasks")),
                new Slip("an empty rejected list, which checks no place", P2014 + "tests/t1-organisation.yaml",
                        "rejected", t -> at(t, "cases", 0).putObject("expect").putArray("rejected")),
                // an overlay's tests
                new Slip("expcet: in an adjustment", P2016 + "tests/rectification.yaml", "expcet",
                        t -> at(t, "adjust", 0).set("expcet", at(t, "adjust", 0).remove("expect"))),
                new Slip("a drop without its reason", P2016 + "tests/rectification.yaml", "because",
                        t -> at(t, "drop", 0).remove("because")),
                // a submission
                new Slip("an unknown field in a submission's evidence item", P2014 + "tests/base-county.json", "colour",
                        s -> at(s, "evidence", 0).put("colour", "red")),
                new Slip("a string where the population belongs", P2014 + "tests/base-county.json", "population",
                        s -> at(s, "county").put("population", "342000")),
                // an overlay
                new Slip("an unknown field in extends", P2016 + "pack.yaml", "branch",
                        p -> at(p, "extends").put("branch", "main")),
                new Slip("an unknown field in an overlay's task", P2016 + "pack.yaml", "colour",
                        p -> at(p, "tasks", 0).put("colour", "red")),
                new Slip("a field beside remove: true", P2016 + "pack.yaml", "max",
                        p -> at(p, "tasks", 0, "indicators", 0).put("remove", true)),
                new Slip("remove: false", P2016 + "pack.yaml", "remove",
                        p -> at(p, "tasks", 0, "indicators", 0).put("remove", false)),
                new Slip("a string where an overlay's indicator max belongs", P2016 + "pack.yaml", "max",
                        p -> at(p, "tasks", 0, "indicators", 0).put("max", "2")),
                new Slip("before: naming a level in lower case", P2016 + "pack.yaml", "before",
                        p -> p.putArray("verdicts").addObject().put("id", "GOOD").put("zh", "良好").put("en", "Good")
                                .put("passes", true).put("before", "pass")),
                new Slip("an unknown field in an overlay's parameter", P2016 + "parameters.yaml", "unit",
                        p -> at(p, "bonus.cap").put("unit", "points")));
    }

    @TestFactory
    Stream<DynamicTest> everySlipIsCaughtByTheSchemaAndRefusedByTheReader_bothNamingIt() {
        return slips().stream().map(slip -> DynamicTest.dynamicTest(slip.what() + " (" + slip.file() + ")", () -> {
            Path packs = copyOfThePacks(tmp.resolve(slip.what().replaceAll("[^A-Za-z0-9]+", "-")));
            String text = rewrite(packs.resolve(slip.file()), slip.change());

            List<String> schema = schemaProblems(slip.file(), text);
            assertFalse(schema.isEmpty(), "the schema lets it through");
            assertTrue(schema.stream().anyMatch(p -> p.contains(slip.field())), "the schema names " + slip.field()
                    + ": " + schema);

            List<String> reader = readerProblems(packs, slip.file(), text);
            assertFalse(reader.isEmpty(), "the reader lets it through");
            assertTrue(reader.stream().anyMatch(p -> p.contains(slip.field())), "the reader names " + slip.field()
                    + ": " + reader);
        }));
    }

    /** Without a slip, the same files written again pass both: what fails above is the slip. */
    @TestFactory
    Stream<DynamicTest> theFilesWrittenAgainWithoutASlip_passBoth() {
        return slips().stream().map(Slip::file).distinct().map(file -> DynamicTest.dynamicTest(file, () -> {
            Path packs = copyOfThePacks(tmp.resolve(file.replaceAll("[^A-Za-z0-9]+", "-")));
            String text = rewrite(packs.resolve(file), p -> { });
            assertEquals(List.of(), schemaProblems(file, text));
            assertEquals(List.of(), readerProblems(packs, file, text));
        }));
    }

    /**
     * What an overlay may write that a full pack may not, both accept: null removes a field or a
     * key, a parameter may change only its clause, an item only its name.
     */
    @Test
    void anOverlaysPartialItemsAndNulls_passBoth() throws IOException {
        Path packs = copyOfThePacks(tmp);
        String pack = rewrite(packs.resolve(P2016 + "pack.yaml"), p -> {
            at(p, "tasks", 0).putNull("zh");
            at(p, "tasks", 0, "indicators", 0).putNull("en");
            at(p, "keys", "enf.grid_supervision").putNull("en");
            p.putNull("baseMax");
        });
        String parameters = rewrite(packs.resolve(P2016 + "parameters.yaml"),
                p -> p.putObject("pass_line").put("ref", "§7 (2016)"));
        assertEquals(List.of(), schemaProblems(P2016 + "pack.yaml", pack));
        assertEquals(List.of(), schemaProblems(P2016 + "parameters.yaml", parameters));
        assertEquals(List.of(), readerProblems(packs, P2016 + "pack.yaml", pack));
    }

    // ------------------------------------------------------------------------------------ helpers

    private static List<String> schemaProblems(String file, String text) {
        if (file.endsWith(".json")) {
            return JsonSchemas.bundled("submission.schema.json").json(text);
        }
        String schema = file.contains("/tests/") ? "tests.schema.json"
                : file.endsWith("parameters.yaml") ? "parameters.schema.json" : "pack.schema.json";
        return JsonSchemas.bundled(schema).yaml(text);
    }

    /** What the library says reading the changed file as it would: loading, reading tests, assessing. */
    private static List<String> readerProblems(Path packs, String file, String text) throws IOException {
        Path pack = packs.resolve(file.substring(0, file.indexOf('/')));
        if (file.endsWith(".json")) {
            Map<String, KeySpec> keys = keys(pack);
            return new SubmissionReader().read(text, id -> Optional.of(keys)).problems().stream()
                    .map(Problem::toString).toList();
        }
        if (file.contains("/tests/")) {
            try {
                new CaseReader().read(PackFiles.fromDirectory(pack));
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(e.getMessage());
            }
        }
        try {
            RulePack.load(PackFiles.fromDirectory(pack));
            return List.of();
        } catch (RulePackException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }

    private static Map<String, KeySpec> keys(Path pack) throws IOException {
        PackFiles files = PackFiles.fromDirectory(pack);
        CatalogueReader reader = new CatalogueReader();
        return reader.readCatalogue(files, reader.readParameters(files)).keys();
    }

    /** The file read into a tree, changed, and written back; returns the text written. */
    private static String rewrite(Path file, Consumer<ObjectNode> change) throws IOException {
        boolean json = file.toString().endsWith(".json");
        ObjectMapper mapper = json ? JSON : YAML;
        ObjectNode tree = (ObjectNode) mapper.readTree(Files.readString(file));
        change.accept(tree);
        String text = mapper.writeValueAsString(tree);
        Files.writeString(file, text);
        return text;
    }

    /** The object at a path of field names and list indexes. */
    private static ObjectNode at(JsonNode node, Object... path) {
        JsonNode n = node;
        for (Object step : path) {
            n = step instanceof Integer i ? n.get(i) : n.get((String) step);
        }
        return (ObjectNode) n;
    }

    /** Both bundled packs side by side, as the 2016 overlay finds its base. */
    private static Path copyOfThePacks(Path dir) throws IOException {
        for (String pack : List.of(P2014, P2016)) {
            Path from = Path.of(pack);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = dir.resolve(pack).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        return dir;
    }
}
