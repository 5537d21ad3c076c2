package org.safecounty.internal.packtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.BonusResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.RectificationStep;
import org.safecounty.result.TaskScore;
import org.safecounty.result.VetoResult;

/**
 * Runs a pack's own test cases and says, for each, which expectations failed.
 *
 * <p>It knows the pack only through what it is given, an assessor of the pack as a function, so
 * that the API (the watcher that swaps a serving pack only if its tests pass) and the tools built
 * on it can both run cases.
 */
public final class PackTestRunner {

    /** A case's submission assessed: the outcome and every rule that fired, in order. */
    public record Run(Outcome outcome, List<String> rulesFired) {
        public Run {
            rulesFired = List.copyOf(rulesFired);
        }
    }

    private final Function<String, Run> assessor;
    private final List<String> levels;

    /**
     * @param assessor      assesses a submission with the pack under test (its JSON in, the outcome
     *                      and the rules that fired out)
     * @param verdictLevels the pack's verdict codes: an expected verdict must be one of them
     */
    public PackTestRunner(Function<String, Run> assessor, Collection<String> verdictLevels) {
        this.assessor = assessor;
        this.levels = List.copyOf(verdictLevels);
    }

    public List<CaseResult> run(List<PackCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    /** The rules that fired in no case: rule coverage of the pack's tests. */
    public List<String> rulesNeverFired(List<CaseResult> results, List<String> ruleNames) {
        java.util.Set<String> fired = new java.util.HashSet<>();
        results.forEach(r -> fired.addAll(r.rulesFired()));
        return ruleNames.stream().filter(n -> !fired.contains(n)).toList();
    }

    public CaseResult run(PackCase c) {
        Run traced = assessor.apply(c.submission().toString());
        Outcome outcome = traced.outcome();
        List<CaseFailure> failures = new ArrayList<>();
        JsonNode expect = c.expect();
        if (expect.has("rejected")) {
            checkRejected(expect.get("rejected"), c.submission(), outcome, failures);
        } else if (outcome instanceof Outcome.Rejected r) {
            failures.add(new CaseFailure("outcome", "a result", "rejected: " + r.problems()));
        } else {
            AssessmentResult result = ((Outcome.Assessed) outcome).result();
            checkResult(expect, result, failures);
            checkVerdictLevel(expect, failures);
        }
        return new CaseResult(c, failures, traced.rulesFired());
    }

    private static final java.util.regex.Pattern BY_ID = java.util.regex.Pattern.compile("^evidence\\(([^)]+)\\)");

    /**
     * The path a problem names for an expected path: {@code evidence(e-003).value} names the item by
     * its id, so that adding an item elsewhere never renumbers an expectation; where one id is used
     * twice (a case about exactly that), {@code evidence(e-003#2)} is its second item.
     */
    private static String positional(String path, JsonNode submission) {
        java.util.regex.Matcher m = BY_ID.matcher(path);
        if (!m.find()) {
            return path;
        }
        String id = m.group(1);
        int nth = 1;
        if (id.matches(".*#[0-9]+")) {
            nth = Integer.parseInt(id.substring(id.lastIndexOf('#') + 1));
            id = id.substring(0, id.lastIndexOf('#'));
        }
        JsonNode evidence = submission.path("evidence");
        for (int i = 0; i < evidence.size(); i++) {
            if (id.equals(evidence.get(i).path("id").asText()) && --nth == 0) {
                return "evidence[" + i + "]" + path.substring(m.end());
            }
        }
        return path;
    }

    private static void checkRejected(JsonNode paths, JsonNode submission, Outcome outcome, List<CaseFailure> failures) {
        if (outcome instanceof Outcome.Assessed a) {
            failures.add(new CaseFailure("outcome", "rejected", "assessed, verdict " + a.result().verdict()));
            return;
        }
        List<String> named = ((Outcome.Rejected) outcome).problems().stream().map(Problem::path).toList();
        for (JsonNode p : paths) {
            if (!named.contains(positional(p.asText(), submission))) {
                failures.add(new CaseFailure("rejected path " + p.asText(), "named by a problem",
                        ((Outcome.Rejected) outcome).problems().toString()));
            }
        }
    }

    /** An expected verdict must be a level of the pack: a misspelt level fails with the levels it could be. */
    private void checkVerdictLevel(JsonNode expect, List<CaseFailure> failures) {
        String wanted = expect.path("verdict").asText(null);
        if (wanted == null) {
            return;
        }
        if (!levels.isEmpty() && !levels.contains(wanted)) {
            String near = ExpectationShape.nearest(wanted, java.util.Set.copyOf(levels));
            failures.add(new CaseFailure("expect.verdict", "one of the pack's levels " + levels,
                    wanted + (near == null ? "" : " (did you mean " + near + "?)")));
        }
    }

    private static void checkResult(JsonNode expect, AssessmentResult r, List<CaseFailure> failures) {
        text(expect, "verdict", r.verdict().code(), failures);
        number(expect, "totalScore", r.totalScore(), failures);
        number(expect, "baseScore", r.baseScore(), failures);
        number(expect, "bonusScore", r.bonusScore(), failures);
        expect.path("tasks").fields().forEachRemaining(e -> compare(e.getValue(), "task " + e.getKey(),
                r.tasks().stream().filter(t -> t.id().equals(e.getKey())).map(TaskScore::score).findFirst().orElse(null),
                failures));
        expect.path("indicators").fields().forEachRemaining(e -> indicator(e.getKey(), e.getValue(), r, failures));
        expect.path("bonus").fields().forEachRemaining(e -> compare(e.getValue(), "bonus " + e.getKey(),
                r.bonus().stream().filter(b -> b.id().equals(e.getKey())).map(BonusResult::score).findFirst()
                        .orElse(null), failures));
        if (expect.has("vetoes")) {
            TreeSet<String> wanted = new TreeSet<>();
            expect.get("vetoes").forEach(v -> wanted.add(v.asText()));
            TreeSet<String> got = r.vetoes().stream().map(VetoResult::id).collect(Collectors.toCollection(TreeSet::new));
            if (!wanted.equals(got)) {
                failures.add(new CaseFailure("vetoes", wanted.toString(), got.toString()));
            }
        }
        if (expect.has("rectification")) {
            List<String> wanted = new ArrayList<>();
            expect.get("rectification").forEach(item -> wanted.add(rectification(expectedItem(item))));
            List<String> got = r.rectification().stream().map(PackTestRunner::rectification).toList();
            if (!wanted.equals(got)) {
                failures.add(new CaseFailure("rectification", wanted.toString(), got.toString()));
            }
        }
        if (expect.has("notAccepted")) {
            Map<String, String> wanted = new TreeMap<>();
            expect.get("notAccepted").fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
            Map<String, String> got = new TreeMap<>();
            r.notAccepted().forEach(n -> got.put(n.evidence(), n.reason().name()));
            if (!wanted.equals(got)) {
                failures.add(new CaseFailure("notAccepted", wanted.toString(), got.toString()));
            }
        }
    }

    private static RectificationItem expectedItem(JsonNode item) {
        List<RectificationStep> steps = new ArrayList<>();
        item.path("steps").forEach(st -> steps.add(new RectificationStep(st.path("action").asText(),
                st.path("key").asText(null), st.path("of").asText(null), decimal(st, "target"),
                decimal(st, "points"), decimal(st, "gain"))));
        return new RectificationItem(item.path("kind").asText(), item.path("indicator").asText(null),
                item.path("key").asText(null), item.path("veto").asText(null), decimal(item, "gain"),
                decimal(item, "needs"), steps);
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).decimalValue() : null;
    }

    /** An item as compared: every field, the steps included, so that a step left out is a failure. */
    private static String rectification(RectificationItem i) {
        StringBuilder s = new StringBuilder(i.kind());
        append(s, " ", i.indicator());
        append(s, " ", i.key());
        append(s, " ", i.veto());
        append(s, " +", i.gain());
        append(s, " needs ", i.needs());
        for (RectificationStep step : i.steps()) {
            s.append(" [").append(step.action());
            append(s, " ", step.key());
            append(s, " of ", step.of());
            append(s, " ", step.target());
            append(s, " → ", step.points());
            append(s, " +", step.gain());
            s.append(']');
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String prefix, Object value) {
        if (value != null) {
            s.append(prefix).append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value);
        }
    }

    private static void indicator(String id, JsonNode want, AssessmentResult r, List<CaseFailure> failures) {
        IndicatorResult got = r.indicators().stream().filter(i -> i.id().equals(id)).findFirst().orElse(null);
        if (got == null) {
            failures.add(new CaseFailure("indicator " + id, "present", "absent"));
            return;
        }
        if (want.has("score")) {
            compare(want.get("score"), "indicator " + id + " score", got.score(), failures);
        }
        if (want.has("status") && !want.get("status").asText().equals(got.status().name())) {
            failures.add(new CaseFailure("indicator " + id + " status", want.get("status").asText(),
                    got.status().name() + " (" + got.explanationEn() + ")"));
        }
        if (want.has("evidence")) {
            List<String> ids = new ArrayList<>();
            want.get("evidence").forEach(e -> ids.add(e.asText()));
            if (!ids.equals(got.evidence())) {
                failures.add(new CaseFailure("indicator " + id + " evidence", ids.toString(), got.evidence().toString()));
            }
        }
    }

    private static void text(JsonNode expect, String field, String actual, List<CaseFailure> failures) {
        if (expect.has(field) && !expect.get(field).asText().equals(actual)) {
            failures.add(new CaseFailure(field, expect.get(field).asText(), actual));
        }
    }

    private static void number(JsonNode expect, String field, BigDecimal actual, List<CaseFailure> failures) {
        if (expect.has(field)) {
            compare(expect.get(field), field, actual, failures);
        }
    }

    private static void compare(JsonNode want, String what, BigDecimal actual, List<CaseFailure> failures) {
        if (!want.isNumber()) {
            failures.add(new CaseFailure(what, "a number in the test", want.toString()));
            return;
        }
        if (actual == null || want.decimalValue().compareTo(actual) != 0) {
            failures.add(new CaseFailure(what, want.decimalValue().toPlainString(),
                    actual == null ? "absent" : actual.toPlainString()));
        }
    }
}
