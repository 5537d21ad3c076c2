package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.Assessor;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.TaskScore;
import org.safecounty.result.VetoResult;

/**
 * The sample submissions of real Hebei counties, assessed with the bundled pack, against the
 * results worked out by hand in {@code samples/EXPECTED.md} (figures in hand-worked/expected.json).
 */
class SamplesTest {

    static final Path SAMPLES = Path.of("samples");
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static JsonNode expected;
    static Assessor assessor;

    @BeforeAll
    static void load() throws IOException {
        expected = JSON.readTree(SAMPLES.resolve("hand-worked/expected.json").toFile());
        assessor = Assessor.bundled();
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_matchesItsHandWorkedResult(String file) throws IOException {
        JsonNode want = expected.get(file);
        assertTrue(want != null, "EXPECTED.md works out every sample; missing " + file);
        AssessmentResult r = assess(file);
        assertEquals(want.get("verdict").asText(), r.verdict().code(), "verdict");
        assertDecimal(want.get("totalScore"), r.totalScore(), "totalScore");
        assertDecimal(want.get("baseScore"), r.baseScore(), "baseScore");
        assertDecimal(want.get("bonusScore"), r.bonusScore(), "bonusScore");
        for (TaskScore t : r.tasks()) {
            assertDecimal(want.get("tasks").get(t.id()), t.score(), "task " + t.id());
        }
        Set<String> vetoes = new TreeSet<>();
        want.get("vetoes").forEach(v -> vetoes.add(v.asText()));
        assertEquals(vetoes, r.vetoes().stream().map(VetoResult::id).collect(Collectors.toCollection(TreeSet::new)));
        for (IndicatorResult i : r.indicators()) {
            JsonNode wi = want.get("indicators").get(i.id());
            assertDecimal(wi.get("score"), i.score(), i.id() + " score (" + i.explanationEn() + ")");
            assertEquals(wi.get("status").asText(), i.status().name(), i.id() + " status (" + i.explanationEn() + ")");
        }
        if (want.has("notAccepted")) {
            Map<String, String> wanted = new TreeMap<>();
            want.get("notAccepted").fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
            Map<String, String> got = new TreeMap<>();
            r.notAccepted().forEach(n -> got.put(n.evidence(), n.reason().name()));
            assertEquals(wanted, got, "notAccepted");
        }
    }

    @Test
    void samples_coverEveryVerdictForAtLeastTwelveRealCounties() throws IOException {
        List<String> files = samples().toList();
        assertTrue(files.size() >= 12, "at least twelve samples, found " + files.size());
        Set<String> codes2014 = Files.readAllLines(Path.of("data/gb2260-hebei.tsv")).stream()
                .map(l -> l.split("\t")).filter(f -> f[0].equals("201412")).map(f -> f[1] + " " + f[2])
                .collect(Collectors.toSet());
        Set<String> seen = new TreeSet<>();
        for (String file : files) {
            AssessmentResult r = assess(file);
            assertTrue(codes2014.contains(r.county().code() + " " + r.county().name()),
                    file + ": " + r.county().code() + " " + r.county().name() + " is a county of the 2014 revision");
            seen.add(r.verdict().code());
        }
        assertEquals(new TreeSet<>(Set.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE")), seen, "§7: every level of the 2014 standard");
    }

    static AssessmentResult assess(String file) throws IOException {
        Outcome outcome = assessor.assess(Files.readString(SAMPLES.resolve(file)));
        return assertInstanceOf(Outcome.Assessed.class, outcome, () -> file + ": " + outcome).result();
    }

    static void assertDecimal(JsonNode want, BigDecimal actual, String what) {
        assertTrue(want != null && want.isNumber(), what + " is worked out by hand");
        assertEquals(0, want.decimalValue().compareTo(actual), what + ": expected " + want.decimalValue() + ", got " + actual);
    }
}
