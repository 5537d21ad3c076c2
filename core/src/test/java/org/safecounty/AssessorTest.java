package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safecounty.MiniPack.dec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.NotAccepted;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.TaskScore;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.VetoResult;
import org.safecounty.submission.AssessmentInfo;
import org.safecounty.submission.County;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;

/**
 * Whole assessments with the mini pack. The base county is at full marks (see {@link MiniPack}):
 * A.1 4 + A.2 3 + A.3 4 + B.1 6 + B.2 3 = 20; pass line 16, excellent line 19, key items
 * (A.1, B.1) at least 50 % of their maximum, bonus 2 per action capped at 1.5.
 */
class AssessorTest {

    @TempDir
    Path tmp;

    private static Map<String, NotAcceptedReason> notAccepted(AssessmentResult r) {
        return r.notAccepted().stream().collect(Collectors.toMap(NotAccepted::evidence, NotAccepted::reason));
    }

    private static List<String> pathsAndCodes(List<Problem> problems) {
        return problems.stream().map(p -> p.path() + " " + p.code()).toList();
    }

    // ---------------------------------------------------------------- verdicts

    @Test
    void assess_baseCounty_isExcellentWithTwentyPoints() {
        AssessmentResult r = MiniPack.assess(MiniPack.base());
        assertEquals("EXCELLENT", r.verdict().code());
        assertEquals(0, r.totalScore().compareTo(dec("20")));
        assertEquals(0, r.baseScore().compareTo(dec("20")));
        assertEquals(0, r.bonusScore().signum());
        // A = 4 + 3 + 4 = 11, B = 6 + 3 = 9
        assertEquals(List.of(new TaskScore("A", dec("11.00"), dec("11")), new TaskScore("B", dec("9.00"), dec("9"))),
                r.tasks());
        assertEquals(MiniPack.pack().standard(), r.standard());
        assertEquals("990001", r.county().code());
        assertEquals("测试县", r.county().name());
        assertEquals(Mode.ACCEPTANCE, r.mode());
        assertTrue(r.indicators().stream().allMatch(i -> i.status() == IndicatorStatus.MET));
        assertEquals(List.of(), r.vetoes());
        assertEquals(List.of(), r.notAccepted());
        assertEquals(List.of(), r.rectification());
        assertEquals("A.1* checks per 1000 residents", r.indicator("A.1").rule());
        assertEquals(List.of("m-01"), r.indicator("A.1").evidence());
    }

    @Test
    void assess_totalBetweenPassAndExcellentLines_isPass() {
        // A.2 = 3 × 10/25 = 1.2; total 20 − 3 + 1.2 = 18.2: ≥ 16, < 19 → PASS
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "a.hours", 10));
        assertEquals("PASS", r.verdict().code());
        assertEquals(0, r.totalScore().compareTo(dec("18.2")));
        assertEquals(List.of(), r.rectification());
    }

    @Test
    void assess_totalExactlyAtExcellentLine_isExcellent() {
        // B.1 = 6 − 2 × 0.5 = 5; total 19 ≥ 19 → EXCELLENT
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "b.violations", 2));
        assertEquals(0, r.totalScore().compareTo(dec("19")));
        assertEquals("EXCELLENT", r.verdict().code());
    }

    @Test
    void assess_keyItemBelowFloorWithTotalAtPassLine_isFail() {
        // A.1 = 599 × 1000 / 200000 = 2.995 < 3 → 0; total 16 ≥ 16, but key item A.1: 0 < 4 × 0.5 = 2 → FAIL
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "a.checks", 599));
        assertEquals(0, r.totalScore().compareTo(dec("16")));
        assertEquals("FAIL", r.verdict().code());
        // rectification: A.1 needs 2 − 0 = 2 points; the total already reaches 16, so nothing to raise
        assertEquals(1, r.rectification().size(), r.rectification().toString());
        RectificationItem item = r.rectification().get(0);
        assertEquals("KEY_ITEM_BELOW_FLOOR", item.kind());
        assertEquals("A.1", item.indicator());
        assertEquals(0, item.gain().compareTo(dec("2")));
    }

    @Test
    void assess_totalBelowPassLine_isFailWithLargestGainFirst() {
        // A.2 = 0 (hours 0), A.3 = 0 (no plan): total 20 − 3 − 4 = 13 < 16 → FAIL;
        // short by 3: raising A.3 (gain 4) is enough
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "a.hours", 0), "a.plan", false);
        AssessmentResult r = MiniPack.assess(s);
        assertEquals("FAIL", r.verdict().code());
        assertEquals(0, r.totalScore().compareTo(dec("13")));
        assertEquals(List.of("RAISE_INDICATOR A.3 4"), r.rectification().stream()
                .map(i -> i.kind() + " " + i.indicator() + " " + i.gain().stripTrailingZeros().toPlainString()).toList());
    }

    @Test
    void assess_bonusAction_isCappedInTheTotal() {
        // X1 earns 2, the bonus is capped at 1.5: total 20 + 1.5 = 21.5
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "x.bonus", true));
        assertEquals(dec("2.00"), r.bonus().get(0).score());
        assertEquals(List.of("x-x.bonus"), r.bonus().get(0).evidence());
        assertEquals(0, r.bonusScore().compareTo(dec("1.5")));
        assertEquals(0, r.totalScore().compareTo(dec("21.5")));
        assertEquals(0, r.baseScore().compareTo(dec("20")));
        assertEquals("EXCELLENT", r.verdict().code());
    }

    // ---------------------------------------------------------------- vetoes

    @Test
    void assess_levelOneIncidentInWindow_isVetoed() {
        ObjectNode s = MiniPack.incidents(MiniPack.base(), MiniPack.incident("i-09", "2020-01-01", "I", 1, false));
        AssessmentResult r = MiniPack.assess(s);
        assertEquals("VETOED", r.verdict().code());
        assertEquals(List.of("W1"), r.vetoes().stream().map(VetoResult::id).toList());
        assertEquals(List.of("i-09"), r.vetoes().get(0).evidence());
        assertEquals(List.of(new RectificationItem("VETO", null, null, "W1", null)), r.rectification());
    }

    @Test
    void assess_levelOneIncidentExactlyTwentyFourMonthsBefore_isNotCounted() {
        // window: after 2020-10-15 − 24 months = 2018-10-15; an incident on 2018-10-15 does not count
        ObjectNode s = MiniPack.incidents(MiniPack.base(), MiniPack.incident("i-09", "2018-10-15", "I", 1, false));
        assertEquals("EXCELLENT", MiniPack.assess(s).verdict().code());
        s = MiniPack.incidents(MiniPack.base(), MiniPack.incident("i-09", "2018-10-16", "I", 1, false));
        assertEquals("VETOED", MiniPack.assess(s).verdict().code());
    }

    @Test
    void assess_levelTwoIncident_isNotVetoed() {
        ObjectNode s = MiniPack.incidents(MiniPack.base(), MiniPack.incident("i-09", "2020-01-01", "II", 1, false));
        assertEquals("EXCELLENT", MiniPack.assess(s).verdict().code());
    }

    @Test
    void assess_scoreBelowVetoMinimum_isVetoed() {
        // s.score 49 < 50 → W2; B.1 score part 49 < 60 → 0, B.1 = 3
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "s.score", 49));
        assertEquals("VETOED", r.verdict().code());
        assertEquals(List.of("W2"), r.vetoes().stream().map(VetoResult::id).toList());
        assertEquals(List.of("m-09"), r.vetoes().get(0).evidence());
        assertEquals(dec("3.00"), r.indicator("B.1").score());
    }

    @Test
    void assess_scoreExactlyAtVetoMinimum_isNotVetoed() {
        // s.score 50 is not below 50; B.1 score part 50 < 60 → 0 → B.1 3, total 17 → PASS
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "s.score", 50));
        assertEquals(List.of(), r.vetoes());
        assertEquals("PASS", r.verdict().code());
    }

    @Test
    void assess_tooFewRespondents_surveyInvalidAndIncomplete() {
        // 49 < 50 respondents: s.score does not count → W2 cannot be decided → INCOMPLETE
        AssessmentResult r = MiniPack.assess(MiniPack.set(MiniPack.base(), "s.respondents", 49));
        assertEquals("INCOMPLETE", r.verdict().code());
        assertEquals(Map.of("m-09", NotAcceptedReason.INVALID_SURVEY), notAccepted(r));
        assertEquals(List.of(new UndecidedVeto("W2", List.of("s.score"))), r.undecidedVetoes());
        assertEquals(IndicatorStatus.MISSING, r.indicator("B.1").status());
        assertTrue(r.rectification().contains(new RectificationItem("UNDECIDED_VETO", null, "s.score", "W2", null)),
                r.rectification().toString());
        assertTrue(r.rectification().stream().anyMatch(i -> i.kind().equals("MISSING_EVIDENCE")
                && "B.1".equals(i.indicator()) && "s.score".equals(i.key())), r.rectification().toString());
    }

    // ---------------------------------------------------------------- which evidence counts

    @Test
    void assess_unverifiedItemInAcceptance_notAcceptedAndMissing() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.withArray("evidence").get(MiniPack.indexOf(s, "a.hours"))).put("verified", false);
        AssessmentResult r = MiniPack.assess(s);
        assertEquals(Map.of("m-02", NotAcceptedReason.UNVERIFIED), notAccepted(r));
        assertEquals(IndicatorStatus.MISSING, r.indicator("A.2").status());
        // in SELF the same item counts
        ((ObjectNode) s.get("assessment")).put("mode", "SELF");
        AssessmentResult self = MiniPack.assess(s);
        assertEquals(List.of(), self.notAccepted());
        assertEquals(IndicatorStatus.MET, self.indicator("A.2").status());
        assertEquals(Mode.SELF, self.mode());
    }

    @Test
    void assess_planBeforeItsOwnWindow_isOutOfWindow() {
        // a.plan counts from 1 January of 2020 − 1 = 2019-01-01
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.withArray("evidence").get(MiniPack.indexOf(s, "a.plan"))).put("date", "2018-12-31");
        AssessmentResult r = MiniPack.assess(s);
        assertEquals(Map.of("m-03", NotAcceptedReason.OUT_OF_WINDOW), notAccepted(r));
        assertEquals(IndicatorStatus.MISSING, r.indicator("A.3").status());
    }

    @Test
    void assess_laterItemOfAKey_countsAndEarlierIsSuperseded() {
        ObjectNode s = MiniPack.base();
        s.withArray("evidence").addObject().put("id", "m-20").put("key", "a.hours").put("value", 5)
                .put("date", "2020-09-01").put("verified", true);
        AssessmentResult r = MiniPack.assess(s);
        // A.2 = 3 × 5/25 = 0.6
        assertEquals(dec("0.60"), r.indicator("A.2").score());
        assertEquals(List.of("m-20"), r.indicator("A.2").evidence());
        assertEquals(Map.of("m-02", NotAcceptedReason.SUPERSEDED), notAccepted(r));
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void assess_invalidSubmission_rejectedWithNoResult() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("county")).put("population", 0);
        Outcome outcome = MiniPack.assessor().assess(MiniPack.json(s));
        assertFalse(outcome.assessed());
        Outcome.Rejected rejected = assertInstanceOf(Outcome.Rejected.class, outcome);
        assertEquals(List.of("county.population NOT_POSITIVE"), pathsAndCodes(rejected.problems()));
    }

    @Test
    void assess_conflictingEvidence_rejectedNamingBothItems() {
        ObjectNode s = MiniPack.base();
        s.withArray("evidence").addObject().put("id", "m-20").put("key", "a.hours").put("value", 31)
                .put("date", "2020-03-01").put("verified", true);
        List<Problem> problems = MiniPack.reject(s);
        assertEquals(List.of("evidence[9] CONFLICTING_EVIDENCE", "evidence[1] CONFLICTING_EVIDENCE"),
                pathsAndCodes(problems));
        assertTrue(problems.stream().allMatch(p -> p.en().contains("m-02") && p.en().contains("m-20")));
    }

    @Test
    void assess_ratioAboveOne_rejectedAtTheNumeratorsValue() {
        // b.done 11 > b.total 10: inconsistent evidence, at the numerator's item
        ObjectNode s = MiniPack.set(MiniPack.base(), "b.done", 11);
        int index = MiniPack.indexOf(s, "b.done");
        List<Problem> problems = MiniPack.reject(s);
        assertEquals(List.of("evidence[" + index + "].value RATIO_ABOVE_ONE"), pathsAndCodes(problems));
        Problem p = problems.get(0);
        assertTrue(p.en().contains("b.done") && p.en().contains("b.total"), p.en());
        assertTrue(p.zh().contains("b.done") && p.zh().contains("b.total"), p.zh());
    }

    @Test
    void assess_ratioExactlyOne_isNotRejected() {
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "b.ok", 10), "b.all", 10);
        assertEquals(dec("3.00"), MiniPack.assess(s).indicator("B.2").score());
    }

    @Test
    void assess_unknownStandard_rejected() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("assessment")).put("standard", "other-standard");
        assertEquals(List.of("assessment.standard UNKNOWN_STANDARD"), pathsAndCodes(MiniPack.reject(s)));
    }

    @Test
    void assess_submissionObjectOfUnknownStandard_rejected() {
        Submission s = new Submission(new County("990001", "测试县", "", 1000, 1, 1),
                new AssessmentInfo("other-standard", 2020, java.time.LocalDate.of(2020, 10, 15), Mode.SELF),
                List.of(), List.of());
        Outcome outcome = MiniPack.assessor().assess(s);
        assertEquals(List.of("assessment.standard UNKNOWN_STANDARD"),
                pathsAndCodes(assertInstanceOf(Outcome.Rejected.class, outcome).problems()));
    }

    @Test
    void assess_submissionObjectWithUnknownKeyAndWrongTypes_rejectedWithEveryPath() {
        java.time.LocalDate day = java.time.LocalDate.of(2020, 6, 1);
        List<org.safecounty.submission.EvidenceItem> items = List.of(
                item("m-1", "a.nope", BigDecimal.ONE, day, 0),
                item("m-2", "a.plan", BigDecimal.ONE, day, 1),            // BOOL given a number
                item("m-3", "a.checks", new BigDecimal("2.5"), day, 2),   // COUNT not whole
                item("m-4", "s.score", new BigDecimal("100.5"), day, 3),  // PERCENT over 100
                item("m-4", "a.hours", Boolean.TRUE, day, 4));            // duplicate id, NUMBER given a flag
        Submission s = new Submission(new County("990001", "测试县", "", 1000, 1, 1),
                new AssessmentInfo(MiniPack.ID, 2020, java.time.LocalDate.of(2020, 10, 15), Mode.SELF), items, List.of());
        assertEquals(List.of("evidence[0].key UNKNOWN_KEY", "evidence[1].value WRONG_TYPE", "evidence[2].value NOT_WHOLE",
                        "evidence[3].value PERCENT_ABOVE_100", "evidence[4].id DUPLICATE_ID", "evidence[4].value WRONG_TYPE"),
                pathsAndCodes(assertInstanceOf(Outcome.Rejected.class, MiniPack.assessor().assess(s)).problems()));
    }

    private static org.safecounty.submission.EvidenceItem item(String id, String key, Object value,
                                                                java.time.LocalDate date, int index) {
        return new org.safecounty.submission.EvidenceItem(id, key, value, date, true, java.util.Optional.empty(),
                java.util.Optional.empty(), index);
    }

    @Test
    void bundled_standardNotOnClasspath_rejected() {
        Outcome outcome = Assessor.bundled().assess(MiniPack.json(MiniPack.base()));
        assertEquals(List.of("assessment.standard UNKNOWN_STANDARD"),
                pathsAndCodes(assertInstanceOf(Outcome.Rejected.class, outcome).problems()));
    }

    @Test
    void pack_knownAndUnknownStandard() {
        assertTrue(MiniPack.assessor().pack(MiniPack.ID).isPresent());
        assertTrue(MiniPack.assessor().pack("other").isEmpty());
    }

    // ---------------------------------------------------------------- determinism and threads

    @Test
    void assess_sameJsonTwice_equalResults() {
        String json = MiniPack.json(MiniPack.set(MiniPack.set(MiniPack.base(), "b.ok", 2), "b.all", 12));
        Outcome first = MiniPack.assessor().assess(json);
        Outcome second = MiniPack.assessor().assess(json);
        assertInstanceOf(Outcome.Assessed.class, first);
        assertEquals(first, second);
    }

    @Test
    void assess_sameJsonWithTwoAssessorsOfTwoLoads_equalResults() {
        String json = MiniPack.json(MiniPack.set(MiniPack.base(), "a.checks", 777));
        assertEquals(Assessor.of(RulePack.load(MiniPack.dir())).assess(json),
                Assessor.of(RulePack.load(MiniPack.dir())).assess(json));
    }

    /** The i-th of many different valid submissions. */
    private static String variant(int i) {
        ObjectNode s = MiniPack.base();
        MiniPack.set(s, "a.checks", 400 + 7 * i);
        MiniPack.set(s, "a.hours", BigDecimal.valueOf(i % 41).divide(BigDecimal.valueOf(8)));
        MiniPack.set(s, "b.ok", i % 13);
        MiniPack.set(s, "b.all", 12);
        MiniPack.set(s, "s.score", 40 + i % 61);
        MiniPack.set(s, "b.violations", i % 5);
        if (i % 3 == 0) {
            MiniPack.set(s, "x.bonus", true);
        }
        if (i % 17 == 0) {
            MiniPack.remove(s, "a.plan");
        }
        if (i % 23 == 0) {
            MiniPack.incidents(s, MiniPack.incident("i-" + i, "2020-02-01", "I", 3, false));
        }
        return MiniPack.json(s);
    }

    @Test
    void assess_fourThreadsTwoHundredSubmissions_equalToAssessingEachAlone() throws Exception {
        int n = 200;
        List<String> submissions = new ArrayList<>();
        List<Outcome> alone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            submissions.add(variant(i));
        }
        for (String json : submissions) {
            alone.add(MiniPack.assessor().assess(json));
        }
        assertTrue(alone.stream().allMatch(Outcome::assessed), "every variant is valid");
        assertTrue(alone.stream().map(o -> ((Outcome.Assessed) o).result().verdict()).distinct().count() >= 3,
                "the variants reach several verdicts");

        Assessor shared = MiniPack.assessor();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Outcome>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 50;
                futures.add(pool.submit(() -> {
                    start.await();
                    Outcome[] outcomes = new Outcome[n];
                    for (int k = 0; k < n; k++) {
                        int i = (offset + k) % n; // each thread starts elsewhere
                        outcomes[i] = shared.assess(submissions.get(i));
                    }
                    return List.of(outcomes);
                }));
            }
            start.countDown();
            for (Future<List<Outcome>> f : futures) {
                List<Outcome> outcomes = f.get(5, TimeUnit.MINUTES);
                for (int i = 0; i < n; i++) {
                    assertEquals(alone.get(i), outcomes.get(i), "submission " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- a rule that fails

    @Test
    void assess_ruleConsequenceThrows_rejectedWithRuleFailedAndAssessorKeepsWorking() throws IOException {
        // the rule language cannot throw on purpose, but a vocabulary call can fail at run time
        Path dir = MiniPack.copyTo(tmp.resolve("pack"));
        Path file = dir.resolve("rules/task-a.drl");
        String rules = Files.readString(file);
        String marker = "    // 3 × min(1, hours / 25)\n";
        assertTrue(rules.contains(marker));
        Files.writeString(file, rules.replace(marker, marker + "    Reading nothing = $i.profile(\"no-such-field\");\n"));
        Assessor assessor = Assessor.of(RulePack.load(dir));

        String county = MiniPack.json(MiniPack.base());
        Outcome outcome = assessor.assess(county);
        Outcome.Rejected rejected = assertInstanceOf(Outcome.Rejected.class, outcome);
        assertEquals(1, rejected.problems().size(), rejected.problems().toString());
        Problem p = rejected.problems().get(0);
        assertEquals("RULE_FAILED", p.code());
        assertEquals("rule \"A.2 hours\"", p.path());
        assertTrue(p.en().contains("A.2 hours") && p.en().contains("no-such-field"), p.en());
        assertTrue(p.zh().contains("A.2 hours"), p.zh());

        // the same assessor goes on: the next county fails the same way, nothing carried over
        assertEquals(outcome, assessor.assess(county));
        assertEquals("EXCELLENT", assertInstanceOf(Outcome.Assessed.class,
                MiniPack.assessor().assess(county)).result().verdict().code());
    }
}
