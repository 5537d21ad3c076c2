package org.safecounty.rules.hebei2014;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.PackCase;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.submission.Submission;

/**
 * Runs the independent {@link PlainScorer} over the pack's hand-worked cases: every case that is
 * not a rejection must agree on the verdict, the totals, task and indicator scores and statuses,
 * vetoes and notAccepted, wherever the case writes them. Rejected cases that pass the input
 * reader (inconsistent evidence, §2/§3) must be flagged inconsistent by the scorer.
 */
class PlainScorerTest {

    static final Path PACK = Path.of("hebei-fds-county-2014");
    static final String STANDARD = "hebei-fds-county-2014";

    private static List<PackCase> cases() throws IOException {
        return new CaseReader().read(PackFiles.fromDirectory(PACK));
    }

    private static Map<String, KeySpec> keys() {
        return RulePack.load(PACK).catalogue().keys();
    }

    @TestFactory
    Stream<DynamicTest> thePlainScorerAgreesWithEveryHandWorkedCase() throws IOException {
        List<PackCase> all = cases();
        Map<String, KeySpec> keys = keys();
        List<PackCase> scored = all.stream().filter(c -> !c.expect().has("rejected")).toList();
        assertTrue(scored.size() > 350, "expected the pack's hand-worked cases, found " + scored.size());
        PlainScorer scorer = new PlainScorer();
        return scored.stream().map(c -> DynamicTest.dynamicTest(c.file() + " #" + c.index() + " " + c.name(), () -> {
            SubmissionReader.Read read = new SubmissionReader().read(c.submission().toString(),
                    id -> Optional.of(keys));
            assertTrue(read.submission().isPresent(), () -> "submission not read: " + read.problems());
            Submission s = read.submission().get();
            PlainScorer.Score score = scorer.score(s);
            List<String> failures = check(c.expect(), score);
            assertTrue(failures.isEmpty(), () -> c.file() + " #" + c.index() + " \"" + c.name() + "\"\n  "
                    + String.join("\n  ", failures) + "\n  got " + score);
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejectedCasesThatReadWellAreInconsistent() throws IOException {
        List<PackCase> all = cases();
        Map<String, KeySpec> keys = keys();
        PlainScorer scorer = new PlainScorer();
        List<DynamicTest> tests = new ArrayList<>();
        for (PackCase c : all) {
            if (!c.expect().has("rejected")) {
                continue;
            }
            SubmissionReader.Read read = new SubmissionReader().read(c.submission().toString(),
                    id -> STANDARD.equals(id) ? Optional.of(keys) : Optional.empty());
            if (read.submission().isEmpty()) {
                continue; // malformed input: the reader rejects it, nothing for the scorer
            }
            tests.add(DynamicTest.dynamicTest(c.file() + " #" + c.index() + " " + c.name(), () ->
                    assertTrue(scorer.score(read.submission().get()).inconsistent(),
                            () -> c.file() + " #" + c.index() + " \"" + c.name()
                                    + "\": expected to be rejected, the scorer finds it consistent")));
        }
        assertTrue(tests.size() >= 5, "expected the inconsistent-evidence cases, found " + tests.size());
        return tests.stream();
    }

    private static List<String> check(JsonNode expect, PlainScorer.Score score) {
        List<String> f = new ArrayList<>();
        if (score.inconsistent()) {
            f.add("scorer finds the submission inconsistent, the case expects a score");
        }
        if (expect.has("verdict") && !expect.get("verdict").asText().equals(score.verdict().name())) {
            f.add("verdict: expected " + expect.get("verdict").asText() + ", got " + score.verdict());
        }
        number(f, expect, "totalScore", score.total());
        number(f, expect, "baseScore", score.base());
        number(f, expect, "bonusScore", score.bonus());
        if (expect.has("tasks")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expect.get("tasks").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> t = it.next();
                BigDecimal sum = score.indicators().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(t.getKey() + "."))
                        .map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (t.getValue().decimalValue().compareTo(sum) != 0) {
                    f.add("task " + t.getKey() + ": expected " + t.getValue().decimalValue() + ", got " + sum);
                }
            }
        }
        if (expect.has("indicators")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expect.get("indicators").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String id = e.getKey();
                JsonNode want = e.getValue();
                if (!score.indicators().containsKey(id)) {
                    f.add("indicator " + id + ": unknown to the scorer");
                    continue;
                }
                if (want.has("score")
                        && want.get("score").decimalValue().compareTo(score.indicators().get(id)) != 0) {
                    f.add("indicator " + id + " score: expected " + want.get("score").decimalValue() + ", got "
                            + score.indicators().get(id));
                }
                if (want.has("status") && !want.get("status").asText().equals(score.statuses().get(id).name())) {
                    f.add("indicator " + id + " status: expected " + want.get("status").asText() + ", got "
                            + score.statuses().get(id));
                }
            }
        }
        if (expect.has("vetoes")) {
            List<String> want = new ArrayList<>();
            expect.get("vetoes").forEach(v -> want.add(v.asText()));
            if (!want.equals(score.vetoes())) {
                f.add("vetoes: expected " + want + ", got " + score.vetoes());
            }
        }
        if (expect.has("notAccepted")) {
            Map<String, String> want = new LinkedHashMap<>();
            expect.get("notAccepted").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asText()));
            Map<String, String> got = new LinkedHashMap<>();
            score.notAccepted().forEach((k, v) -> got.put(k, v.name()));
            if (!want.equals(got)) {
                f.add("notAccepted: expected " + want + ", got " + got);
            }
        }
        return f;
    }

    private static void number(List<String> f, JsonNode expect, String field, BigDecimal got) {
        if (expect.has(field) && expect.get(field).decimalValue().compareTo(got) != 0) {
            f.add(field + ": expected " + expect.get(field).decimalValue() + ", got " + got);
        }
    }
}
