package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;

/**
 * The toy standard of {@code src/test/resources/packs/mini} and its base submission, a county at
 * full marks. Core tests use it instead of any real standard.
 *
 * <p>Base county: population 200,000, assessed 2020-10-15 in ACCEPTANCE, every item verified.
 * A.1 = 1000 × 1000 / 200000 = 5 ≥ 5 → 4; A.2 = 3 × min(1, 30/25) = 3; A.3 plan true → 4;
 * B.1 = 10/10 ≥ 1 → 3, score 85 ≥ 80 → 3, no violations → 6; B.2 = 3 × min(1, (8/10)/0.8) = 3.
 * Base 4+3+4+6+3 = 20, bonus 0, total 20 ≥ 19, key items at full → EXCELLENT.
 */
public final class MiniPack {

    public static final String ID = "mini-toy";

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static RulePack pack;
    private static Assessor assessor;

    private MiniPack() {
    }

    /** The folder of the mini pack (on the test classpath). */
    public static Path dir() {
        URL url = MiniPack.class.getResource("/packs/mini/pack.yaml");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mini pack, loaded once for all tests. */
    public static synchronized RulePack pack() {
        if (pack == null) {
            pack = RulePack.load(dir());
        }
        return pack;
    }

    public static synchronized Assessor assessor() {
        if (assessor == null) {
            assessor = Assessor.of(pack());
        }
        return assessor;
    }

    /** A fresh copy of the base submission. */
    public static ObjectNode base() {
        try (InputStream in = MiniPack.class.getResourceAsStream("/submissions/mini-base.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value of every item of {@code key}. */
    public static ObjectNode set(ObjectNode s, String key, Object value) {
        boolean found = false;
        for (JsonNode item : s.withArray("evidence")) {
            if (item.path("key").asText().equals(key)) {
                ((ObjectNode) item).set("value", JSON.valueToTree(value));
                found = true;
            }
        }
        if (!found) {
            ObjectNode item = s.withArray("evidence").addObject();
            item.put("id", "x-" + key);
            item.put("key", key);
            item.set("value", JSON.valueToTree(value));
            item.put("date", s.path("assessment").path("date").asText());
            item.put("verified", true);
        }
        return s;
    }

    /** Removes every item of {@code key}. */
    public static ObjectNode remove(ObjectNode s, String key) {
        Iterator<JsonNode> it = s.withArray("evidence").iterator();
        while (it.hasNext()) {
            if (it.next().path("key").asText().equals(key)) {
                it.remove();
            }
        }
        return s;
    }

    /** The index in {@code evidence} of the (first) item of {@code key}. */
    public static int indexOf(ObjectNode s, String key) {
        ArrayNode evidence = s.withArray("evidence");
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i).path("key").asText().equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no item of " + key);
    }

    /** Replaces the incidents. */
    public static ObjectNode incidents(ObjectNode s, ObjectNode... incidents) {
        ArrayNode list = s.putArray("incidents");
        for (ObjectNode i : incidents) {
            list.add(i);
        }
        return s;
    }

    public static ObjectNode incident(String id, String date, String level, double hours, boolean concealed) {
        ObjectNode i = JSON.createObjectNode();
        i.put("id", id);
        i.put("date", date);
        i.put("level", level);
        i.put("kind", "FOOD");
        i.put("reportedWithinHours", BigDecimal.valueOf(hours));
        i.put("concealed", concealed);
        return i;
    }

    public static String json(JsonNode s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Assesses with the mini pack and insists on a result. */
    public static AssessmentResult assess(ObjectNode s) {
        Outcome outcome = assessor().assess(json(s));
        if (outcome instanceof Outcome.Rejected r) {
            throw new AssertionError("expected a result, was rejected: " + r.problems());
        }
        return assertInstanceOf(Outcome.Assessed.class, outcome).result();
    }

    /** Assesses with the mini pack and insists on a rejection. */
    public static List<org.safecounty.result.Problem> reject(ObjectNode s) {
        Outcome outcome = assessor().assess(json(s));
        return assertInstanceOf(Outcome.Rejected.class, outcome, () -> "expected a rejection, was " + outcome)
                .problems();
    }

    /** Copies the mini pack into {@code target} (a fresh folder) and returns it. */
    public static Path copyTo(Path target) {
        return copy(dir(), target);
    }

    /** Copies a test pack beside the mini pack ({@code packs/<name>}) into {@code target} and returns it. */
    public static Path copyTo(String name, Path target) {
        return copy(dir().resolveSibling(name), target);
    }

    private static Path copy(Path source, Path target) {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    public static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
