package org.safecounty.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.safecounty.MiniPack;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * Fuzzes the submission reader and the whole {@code Assessor.assess(String)} path with the mini
 * pack: whatever text arrives, the reader gives either a submission or a non-empty list of
 * problems (each with a path and both messages), and the assessor gives exactly one of
 * {@link Outcome.Assessed} or {@link Outcome.Rejected}; no exception may escape.
 *
 * <p>Without {@code JAZZER_FUZZ} set (as in {@code mvn verify}) each method runs once per file of
 * its seed corpus in {@code src/test/resources/org/safecounty/fuzz/SubmissionReaderFuzzTestInputs/<method>/}.
 * With {@code JAZZER_FUZZ=1} the first selected method is fuzzed; see {@code docs/testing.md}.
 */
class SubmissionReaderFuzzTest {

    /** Raw inputs above this size are cut, so that one execution stays in the milliseconds. */
    private static final int MAX_BYTES = 64 * 1024;

    private static final Function<String, Optional<Map<String, KeySpec>>> KEYS_OF =
            id -> id.equals(MiniPack.ID) ? Optional.of(MiniPack.pack().catalogue().keys()) : Optional.empty();

    /** Any bytes, decoded as UTF-8 (malformed sequences become U+FFFD), read and assessed. */
    @FuzzTest(maxDuration = "5m")
    void anyText(byte[] data) {
        byte[] bytes = data.length > MAX_BYTES ? java.util.Arrays.copyOf(data, MAX_BYTES) : data;
        check(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Structure-aware: the valid base submission with a few fields replaced by fuzzed values
     * (strings, numbers of every shape, booleans, nulls, arrays, objects) or removed, so that the
     * fuzzer spends its time past the JSON syntax, in the field checks and the rules.
     */
    @FuzzTest(maxDuration = "5m")
    void mutatedBase(FuzzedDataProvider data) {
        ObjectNode s = MiniPack.base();
        int edits = data.consumeInt(1, 4);
        for (int e = 0; e < edits && data.remainingBytes() > 0; e++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(s, objects);
            ObjectNode target = data.pickValue(objects);
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            names.add(data.consumeString(12));
            String field = data.pickValue(names);
            if (data.consumeInt(0, 9) == 0) {
                target.remove(field);
            } else {
                target.set(field, value(data, 0));
            }
        }
        check(MiniPack.json(s));
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, out));
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return switch (data.consumeInt(0, depth < 2 ? 9 : 7)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(data.consumeBoolean());
            case 2 -> f.numberNode(data.consumeLong());
            case 3 -> f.numberNode(new java.math.BigDecimal(java.math.BigInteger.valueOf(data.consumeLong()),
                    data.consumeInt())); // any scale: 1E+2147483647 and 1E-2147483648 alike
            case 4 -> f.numberNode(data.consumeDouble());
            case 5 -> f.textNode(data.consumeString(40));
            case 6 -> f.textNode(data.pickValue(List.of("2020-10-15", "+999999999-12-31", "-999999999-01-01",
                    "0000-01-01", "2020-02-30", "ACCEPTANCE", "SELF", "I", "IV", "FOOD", "DRUG", "mini-toy",
                    "a.checks", "s.score", "x.bonus", "990001")));
            case 7 -> f.numberNode(data.consumeInt(-3, 1_000_001));
            case 8 -> {
                ArrayNode a = f.arrayNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    a.add(value(data, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    o.set(data.consumeString(10), value(data, depth + 1));
                }
                yield o;
            }
        };
    }

    /** The reader's and the assessor's contract for one text. */
    static void check(String text) {
        SubmissionReader.Read read = new SubmissionReader().read(text, KEYS_OF);
        assertNotNull(read, "read");
        assertNotNull(read.submission(), "submission");
        assertNotNull(read.problems(), "problems");
        if (read.submission().isPresent()) {
            assertTrue(read.problems().isEmpty(), () -> "a submission and problems: " + read.problems());
        } else {
            assertFalse(read.problems().isEmpty(), "neither a submission nor a problem");
            wellFormed(read.problems());
        }

        Outcome outcome = MiniPack.assessor().assess(text);
        assertNotNull(outcome, "outcome");
        if (outcome instanceof Outcome.Assessed a) {
            assertNotNull(a.result(), "assessed without a result");
            assertTrue(read.submission().isPresent(), "assessed a text the reader rejected");
        } else if (outcome instanceof Outcome.Rejected r) {
            assertFalse(r.problems().isEmpty(), "rejected without a problem");
            wellFormed(r.problems());
            if (read.submission().isEmpty()) {
                assertEquals(read.problems(), r.problems(), "the assessor's problems are the reader's");
            }
        } else {
            fail("an outcome that is neither Assessed nor Rejected: " + outcome);
        }
        assertEquals(1, (outcome instanceof Outcome.Assessed ? 1 : 0) + (outcome instanceof Outcome.Rejected ? 1 : 0));
    }

    static void wellFormed(List<Problem> problems) {
        for (Problem p : problems) {
            assertNotNull(p, "null problem");
            assertFalse(p.path().isEmpty(), () -> "empty path: " + p);
            assertFalse(p.code().isEmpty(), () -> "empty code: " + p);
            assertFalse(p.zh().isBlank(), () -> "empty zh: " + p);
            assertFalse(p.en().isBlank(), () -> "empty en: " + p);
        }
    }
}
