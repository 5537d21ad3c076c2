package org.safecounty.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.testkit.JsonSchemas;

/**
 * Every file of both bundled packs passes the schema an editor checks it against, named on its
 * first line ({@code # yaml-language-server: $schema=…}); the schemas themselves are valid draft
 * 2020-12 and travel in the rules jar.
 */
class BundledFilesMatchTheSchemasTest {

    static final List<Path> PACKS = List.of(Path.of("hebei-fds-county-2014"), Path.of("hebei-fds-county-2016"));
    static final List<String> SCHEMAS = List.of("pack.schema.json", "parameters.schema.json", "tests.schema.json",
            "submission.schema.json");

    @TestFactory
    Stream<DynamicTest> everyPackFileNamesItsSchema_andPassesIt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path pack : PACKS) {
            List<Path> files = new ArrayList<>(List.of(pack.resolve("pack.yaml"), pack.resolve("parameters.yaml")));
            try (Stream<Path> list = Files.list(pack.resolve("tests"))) {
                files.addAll(list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
            }
            assertTrue(files.size() > 2, pack + ": pack.yaml, parameters.yaml and its test files, found " + files);
            files.forEach(f -> tests.add(DynamicTest.dynamicTest(f.toString(),
                    () -> assertEquals(List.of(), JsonSchemas.packFile(f, Path.of("schema"))))));
            Path base = pack.resolve("tests/base-county.json");
            tests.add(DynamicTest.dynamicTest(base.toString(), () -> assertEquals(List.of(),
                    JsonSchemas.bundled("submission.schema.json").json(Files.readString(base)), base.toString())));
        }
        return tests.stream();
    }

    /** Policy staff read the descriptions in the editor's hover: every property has one, Chinese first. */
    @Test
    void everyPropertyIsDescribed_inChineseThenEnglish() throws IOException {
        for (String name : SCHEMAS) {
            JsonNode schema = new ObjectMapper().readTree(Path.of("schema", name).toFile());
            List<String> wrong = new ArrayList<>();
            described(schema, schema.path("$defs"), "", wrong);
            assertEquals(List.of(), wrong, name);
        }
    }

    private static void described(JsonNode node, JsonNode defs, String path, List<String> wrong) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                described(node.get(i), defs, path + "/" + i, wrong);
            }
            return;
        }
        node.fields().forEachRemaining(e -> {
            String at = path + "/" + e.getKey();
            // the conditions (if/then/not) refine properties described where they are declared
            boolean condition = path.matches(".*/(if|then|not)(/.*)?");
            if (e.getKey().equals("properties") && !condition) {
                e.getValue().fields().forEachRemaining(p -> {
                    if (!hasDescription(p.getValue(), defs)) {
                        wrong.add(at + "/" + p.getKey() + ": no description");
                    }
                });
            }
            if (e.getKey().equals("description") && !chineseThenEnglish(e.getValue().asText())) {
                wrong.add(at + ": not Chinese / English: " + e.getValue().asText());
            }
            if (e.getValue().isContainerNode() && !e.getKey().equals("enum") && !e.getKey().equals("const")) {
                described(e.getValue(), defs, at, wrong);
            }
        });
    }

    private static boolean hasDescription(JsonNode property, JsonNode defs) {
        if (property.has("description")) {
            return true;
        }
        String ref = property.path("$ref").asText("");
        return ref.startsWith("#/$defs/") && hasDescription(defs.path(ref.substring("#/$defs/".length())), defs);
    }

    private static boolean chineseThenEnglish(String description) {
        int slash = description.indexOf(" / ");
        return slash > 0 && description.substring(0, slash).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                && description.substring(slash + 3).matches("(?s)[A-Za-z\"(].*");
    }

    @Test
    void theSchemasAreDraft2020_12_withTheirIds_andTravelInTheJar() throws IOException {
        for (String name : SCHEMAS) {
            JsonSchemas schema = JsonSchemas.bundled(name);
            assertEquals(List.of(), schema.againstMetaSchema(), name);
            String text = Files.readString(Path.of("schema", name));
            assertTrue(text.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""), name);
            assertTrue(text.contains("\"$id\": \"https://safecounty.org/schema/" + name + "\""), name);
            try (var in = getClass().getClassLoader().getResourceAsStream(JsonSchemas.RULES_JAR + name)) {
                assertEquals(text, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                        name + " is copied into the jar as it is");
            }
        }
    }
}
