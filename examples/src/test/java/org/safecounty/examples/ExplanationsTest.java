package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.Assessor;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;

/**
 * Issue 7, "every point explained": the result JSON of every sample county explains every
 * indicator in Chinese and in English, and traces it to its rule, the parameters it read and the
 * evidence that counted (with document numbers where the submission gives them).
 */
class ExplanationsTest {

    static final Path SAMPLES = Path.of("samples");
    static final JsonMapper JSON = new JsonMapper();
    static Assessor assessor;

    @BeforeAll
    static void load() {
        assessor = Assessor.bundled();
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void allFourteenSamplesAreChecked() throws IOException {
        assertEquals(14, samples().count());
    }

    static JsonNode resultJson(String file) throws IOException {
        Outcome o = assessor.assess(Files.readString(SAMPLES.resolve(file), StandardCharsets.UTF_8));
        Outcome.Assessed a = assertInstanceOf(Outcome.Assessed.class, o, file + " is assessed");
        return JSON.readTree(new ResultJson().write(a.result()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyIndicatorIsExplainedInBothLanguagesAndTraced(String file) throws IOException {
        JsonNode r = resultJson(file);
        JsonNode submission = JSON.readTree(SAMPLES.resolve(file).toFile());
        long catalogued = assessor.pack("hebei-fds-county-2014").orElseThrow().catalogue().indicators().count();
        assertEquals(catalogued, r.get("indicators").size(), "every indicator of the catalogue is in the result");
        for (JsonNode i : r.get("indicators")) {
            String id = i.get("id").asText();
            assertFalse(i.path("explanation").asText().isBlank(), id + " is explained in Chinese");
            assertFalse(i.path("explanationEn").asText().isBlank(), id + " is explained in English");
            assertTrue(i.path("explanation").asText().matches(".*\\p{IsHan}.*"), id + ": the Chinese explanation is Chinese");
            assertTrue(i.path("explanation").asText().contains("合计 "), id + " states its total");
            assertTrue(i.path("explanationEn").asText().contains("total "), id + " states its total");
            assertFalse(i.path("rule").asText().isBlank(), id + " names its rule");
            assertTrue(i.path("parameters").isArray() && !i.path("parameters").isEmpty(), id + " lists the parameters its rule read");
            for (JsonNode p : i.get("parameters")) {
                assertFalse(p.path("name").asText().isBlank(), id + " parameter has a name");
                assertFalse(p.path("value").isNull() || p.path("value").isMissingNode(), id + " parameter has a value");
            }
            assertTrue(i.path("documents").isObject(), id + " has its documents");
            i.get("documents").fields().forEachRemaining(d -> {
                assertTrue(contains(i.get("evidence"), d.getKey()), id + ": a document belongs to counted evidence");
                assertEquals(documentOf(submission, d.getKey()), d.getValue().asText(), id + " " + d.getKey());
            });
            for (JsonNode e : i.get("evidence")) {
                String doc = documentOf(submission, e.asText());
                if (doc != null && !doc.isBlank()) {
                    assertEquals(doc, i.get("documents").path(e.asText()).asText(), id + " names the document of " + e.asText());
                }
            }
        }
        for (JsonNode b : r.get("bonus")) {
            assertFalse(b.path("explanation").asText().isBlank(), b.get("id") + " is explained");
            assertFalse(b.path("explanationEn").asText().isBlank(), b.get("id") + " is explained");
        }
        for (JsonNode v : r.get("vetoes")) {
            assertFalse(v.path("explanation").asText().isBlank(), v.get("id") + " is explained");
            assertFalse(v.path("explanationEn").asText().isBlank(), v.get("id") + " is explained");
            assertTrue(v.path("parameters").isArray(), v.get("id") + " lists its parameters (V5 reads none)");
        }
    }

    @Test
    void theSampleWithTooFewSamplesIsExplainedInTheWordsOfTheStandard() throws IOException {
        // a sample whose food sampling is below 4 per 1,000: the explanation gives the rate itself
        for (String file : samples().toList()) {
            JsonNode t31 = null;
            for (JsonNode i : resultJson(file).get("indicators")) {
                if (i.get("id").asText().equals("T3.1")) {
                    t31 = i;
                }
            }
            String zh = t31.get("explanation").asText();
            assertTrue(zh.matches(".*（每1000常住人口） [0-9.]+（[0-9]+ ÷ [0-9]+ × 1000）.*"), zh);
            if (zh.contains("，低于 4，得 0 分")) {
                return;
            }
        }
        throw new AssertionError("no sample explains a food sampling rate below 4 per 1,000");
    }

    @Test
    void parametersCarryTheirValuesFromThePack() throws IOException {
        JsonNode t12 = resultJson("130123-zhengding.json").get("indicators").get(1);
        assertEquals("T1.2", t12.get("id").asText());
        assertEquals(List.of("T1.2.bands"), List.of(t12.get("parameters").get(0).get("name").asText()));
        assertEquals("≥5→3; ≥3→1.5", t12.get("parameters").get(0).get("value").asText());
    }

    @Test
    void theJsonIsTheSameBytesEachTime() throws IOException {
        String json = Files.readString(SAMPLES.resolve("130426-shexian.json"), StandardCharsets.UTF_8);
        String a = new ResultJson().write(((Outcome.Assessed) assessor.assess(json)).result());
        String b = new ResultJson().write(((Outcome.Assessed) Assessor.bundled().assess(json)).result());
        assertEquals(a, b);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String documentOf(JsonNode submission, String id) {
        for (JsonNode e : submission.path("evidence")) {
            if (e.path("id").asText().equals(id)) {
                return e.has("document") ? e.get("document").asText() : null;
            }
        }
        return null;
    }
}
