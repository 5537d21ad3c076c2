package org.safecounty.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safecounty.MiniPack.dec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.submission.Mode;

/**
 * Scoring forms (stepped, proportional, when, deductEach), statuses and rounding, through the mini
 * pack (see {@link MiniPack} for the base county at full marks), plus a few direct checks.
 */
class ScoredTest {

    private static IndicatorResult indicator(ObjectNode submission, String id) {
        return MiniPack.assess(submission).indicator(id);
    }

    private static void assertScore(String expected, IndicatorStatus status, IndicatorResult r) {
        assertEquals(dec(expected), r.score(), r.id() + " score");
        assertEquals(status, r.status(), r.id() + " status");
    }

    // ---------------------------------------------------------------- stepped

    @Test
    void stepped_valueExactlyAtFirstBand_givesFirstBandPoints() {
        // A.1: 1000 × 1000 / 200000 = 5 ≥ 5 → 4 (full)
        assertScore("4.00", IndicatorStatus.MET, indicator(MiniPack.base(), "A.1"));
    }

    @Test
    void stepped_justBelowFirstBand_givesSecondBandPoints() {
        // A.1: 999 × 1000 / 200000 = 4.995 < 5, ≥ 3 → 2
        assertScore("2.00", IndicatorStatus.PARTIAL, indicator(MiniPack.set(MiniPack.base(), "a.checks", 999), "A.1"));
    }

    @Test
    void stepped_valueExactlyAtSecondBand_givesSecondBandPoints() {
        // A.1: 600 × 1000 / 200000 = 3 ≥ 3 → 2
        assertScore("2.00", IndicatorStatus.PARTIAL, indicator(MiniPack.set(MiniPack.base(), "a.checks", 600), "A.1"));
    }

    @Test
    void stepped_belowLowestBand_scoresZeroNotMet() {
        // A.1: 599 × 1000 / 200000 = 2.995 < 3 → 0
        assertScore("0.00", IndicatorStatus.NOT_MET, indicator(MiniPack.set(MiniPack.base(), "a.checks", 599), "A.1"));
    }

    @Test
    void stepped_notApplicablePart_givesTheBandsTopPoints() {
        // B.1: done/total = 0/0 → not applicable → top band 3; score 85 ≥ 80 → 3; 3 + 3 = 6 = max.
        // Only one of its two parts is not applicable, so the status follows the score: MET.
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "b.done", 0), "b.total", 0);
        IndicatorResult b1 = indicator(s, "B.1");
        assertScore("6.00", IndicatorStatus.MET, b1);
        assertTrue(b1.explanationEn().contains("not applicable, full 3 points"), b1.explanationEn());
    }

    @Test
    void stepped_notApplicablePartWithLowerOtherPart_isPartial() {
        // B.1: 0/0 → 3; score 70 ≥ 60 → 1.5; 4.5 < 6 → PARTIAL (status follows the score)
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.set(MiniPack.base(), "b.done", 0), "b.total", 0),
                "s.score", 70);
        assertScore("4.50", IndicatorStatus.PARTIAL, indicator(s, "B.1"));
    }

    // ---------------------------------------------------------------- proportional

    @Test
    void proportional_valueAboveTarget_isCappedAtFullPoints() {
        // A.2: 3 × min(1, 100/25) = 3, not 12
        assertScore("3.00", IndicatorStatus.MET, indicator(MiniPack.set(MiniPack.base(), "a.hours", 100), "A.2"));
    }

    @Test
    void proportional_valueBelowTarget_isProportional() {
        // A.2: 3 × 10/25 = 1.2
        assertScore("1.20", IndicatorStatus.PARTIAL, indicator(MiniPack.set(MiniPack.base(), "a.hours", 10), "A.2"));
    }

    @Test
    void proportional_exactHalfAtThirdDecimal_roundsHalfUp() {
        // B.2: 3 × (2/12) / 0.8 = 0.625 → half-up to 2 decimals 0.63 (half-even would give 0.62)
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "b.ok", 2), "b.all", 12);
        assertScore("0.63", IndicatorStatus.PARTIAL, indicator(s, "B.2"));
    }

    @Test
    void proportional_fractionalHours_roundsHalfUpToPackDecimals() {
        // A.2: 3 × 0.2125 / 25 = 0.6375 / 25 = 0.0255 → 0.03 (half-up; half-even would give 0.02)
        ObjectNode s = MiniPack.set(MiniPack.base(), "a.hours", dec("0.2125"));
        assertScore("0.03", IndicatorStatus.PARTIAL, indicator(s, "A.2"));
    }

    @Test
    void proportional_roundedDownAtThirdDecimal_roundsDown() {
        // A.2: 3 × 0.1 / 25 = 0.012 → 0.01
        ObjectNode s = MiniPack.set(MiniPack.base(), "a.hours", dec("0.1"));
        assertScore("0.01", IndicatorStatus.PARTIAL, indicator(s, "A.2"));
    }

    @Test
    void proportional_zeroValue_isNotMet() {
        // A.2: 3 × 0/25 = 0
        assertScore("0.00", IndicatorStatus.NOT_MET, indicator(MiniPack.set(MiniPack.base(), "a.hours", 0), "A.2"));
    }

    @Test
    void proportional_zeroDenominator_isNotApplicableWithFullPoints() {
        // B.2: ok/all = 0/0 → not applicable (无此项不扣分) → 3, every part not applicable → NOT_APPLICABLE
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "b.ok", 0), "b.all", 0);
        assertScore("3.00", IndicatorStatus.NOT_APPLICABLE, indicator(s, "B.2"));
    }

    // ---------------------------------------------------------------- when

    @Test
    void when_flagFalse_scoresZeroNotMet() {
        assertScore("0.00", IndicatorStatus.NOT_MET, indicator(MiniPack.set(MiniPack.base(), "a.plan", false), "A.3"));
    }

    @Test
    void when_flagTrue_givesThePoints() {
        assertScore("4.00", IndicatorStatus.MET, indicator(MiniPack.base(), "A.3"));
    }

    // ---------------------------------------------------------------- missing

    @Test
    void value_keyAbsentWithoutAbsentMeans_statusMissingAndZero() {
        // A.2 without a.hours: 0 points, MISSING; the whole assessment: 20 − 3 = 17 ≥ 16 → PASS
        AssessmentResult r = MiniPack.assess(MiniPack.remove(MiniPack.base(), "a.hours"));
        IndicatorResult a2 = r.indicator("A.2");
        assertScore("0.00", IndicatorStatus.MISSING, a2);
        assertEquals(List.of("a.hours"), a2.missingKeys());
        assertEquals(0, r.totalScore().compareTo(dec("17")));
        assertEquals("PASS", r.verdict().code());
    }

    @Test
    void value_keyAbsentInOnePart_statusMissingWhateverTheOtherPartsScore() {
        // B.1 without b.total: ratio missing → 0; score 85 → 3; 3 points yet MISSING
        IndicatorResult b1 = indicator(MiniPack.remove(MiniPack.base(), "b.total"), "B.1");
        assertScore("3.00", IndicatorStatus.MISSING, b1);
        assertEquals(List.of("b.total"), b1.missingKeys());
    }

    @Test
    void value_keyAbsentWithAbsentMeans_usesTheDefaultAndIsNotMissing() {
        // b.violations is absent from the base and means 0: no deduction, B.1 = 6, nothing missing.
        // x.bonus is absent and means false: X1 scores 0, not missing.
        AssessmentResult r = MiniPack.assess(MiniPack.base());
        IndicatorResult b1 = r.indicator("B.1");
        assertScore("6.00", IndicatorStatus.MET, b1);
        assertEquals(List.of(), b1.missingKeys());
        assertEquals(dec("0.00"), r.bonus().get(0).score());
        assertEquals(List.of(), r.undecidedVetoes());
        assertEquals(List.of(), r.rectification());
    }

    // ---------------------------------------------------------------- deductEach

    @Test
    void deductEach_someOccurrences_deductsEach() {
        // B.1: 6 − 3 × 0.5 = 4.5
        assertScore("4.50", IndicatorStatus.PARTIAL,
                indicator(MiniPack.set(MiniPack.base(), "b.violations", 3), "B.1"));
    }

    @Test
    void deductEach_moreThanThePoints_neverBelowZero() {
        // B.1: 6 − 20 × 0.5 = 6 − 10 → 0, not −4
        IndicatorResult b1 = indicator(MiniPack.set(MiniPack.base(), "b.violations", 20), "B.1");
        assertScore("0.00", IndicatorStatus.NOT_MET, b1);
    }

    @Test
    void deductEach_direct_neverBelowZeroAndIgnoresMissing() {
        Indicator i = directIndicator();
        i.award(BigDecimal.ONE);
        i.deductEach(Reading.missing("违规", "violations"), 0.5);
        assertEquals(0, i.points().compareTo(BigDecimal.ONE));
        // 1 − 3 × 0.5 = −0.5 → 0
        i.deductEach(Reading.of(BigDecimal.valueOf(3), "违规", "violations"), 0.5);
        assertEquals(0, i.points().signum());
    }

    // ---------------------------------------------------------------- direct

    @Test
    void stepped_direct_missingScoresZeroAndNotApplicableScoresTopBand() {
        Indicator i = directIndicator();
        List<Band> bands = List.of(new Band(dec("1"), dec("3")), new Band(dec("0.5"), dec("1.5")));
        assertEquals(0, i.stepped(Reading.missing("x", "x"), bands).signum());
        assertEquals(dec("3"), i.stepped(Reading.notApplicable("x", "x"), bands));
        assertFalse(i.allPartsNotApplicable());
        // 1/2 = 0.5 ≥ 0.5 → 1.5
        assertEquals(dec("1.5"), i.stepped(Reading.fraction(BigDecimal.ONE, BigDecimal.valueOf(2), "x", "x"), bands));
    }

    @Test
    void allPartsNotApplicable_noPartScored_isFalse() {
        assertFalse(directIndicator().allPartsNotApplicable());
    }

    @Test
    void reaches_minimumReached_givesThePoints() {
        Indicator i = directIndicator();
        assertEquals(dec("2"), i.reaches(Reading.of(dec("7"), "x", "x"), 7, 2));
        assertEquals(0, i.reaches(Reading.of(dec("6.99"), "x", "x"), 7, 2).signum());
    }

    @Test
    void value_absentKeyWithoutDefault_isMissingOnlyOnceAPartNeedsIt() {
        Indicator i = directIndicator();
        Reading r = i.value("k.n");
        assertTrue(r.isMissing());
        assertEquals(List.of(), i.missingKeys(), "reading a key alone does not make it missing");
        i.award(i.stepped(r, List.of(new Band(dec("1"), dec("3")))));
        assertEquals(List.of("k.n"), i.missingKeys());
        assertTrue(i.hasMissing());
    }

    @Test
    void ratio_overACountedZero_isNotApplicableAndItsAbsentNumeratorIsNotMissing() {
        Indicator i = directIndicator(Map.of("k.d", counted("k.d", "0")));
        Reading ratio = i.ratio(i.value("k.n"), i.value("k.d"));
        assertTrue(ratio.isNotApplicable());
        assertEquals(0, dec("3").compareTo(i.stepped(ratio, List.of(new Band(dec("1"), dec("3"))))));
        assertEquals(List.of(), i.missingKeys());
    }

    @Test
    void ratio_overAMissingDenominator_staysMissingWithBothKeys() {
        Indicator i = directIndicator();
        Reading ratio = i.ratio(i.value("k.n"), i.value("k.d"));
        i.stepped(ratio, List.of(new Band(dec("1"), dec("3"))));
        assertEquals(List.of("k.n", "k.d"), i.missingKeys());
    }

    @Test
    void value_ofAnAbsentKeyWhoseBoundIsZero_isFixedAtZero() {
        // k.n can never exceed k.d, and k.d is counted as 0: k.n is 0 without an item of its own
        Indicator i = directIndicator(Map.of("k.d", counted("k.d", "0")));
        Reading n = i.value("k.n");
        assertTrue(n.hasValue());
        assertEquals(0, n.value().signum());
    }

    private static CountedEvidence counted(String key, String value) {
        return new CountedEvidence("e-" + key, key, dec(value), LocalDate.of(2020, 5, 1), null, "evidence[0]");
    }

    private static Indicator directIndicator(Map<String, CountedEvidence> measures) {
        Map<String, KeySpec> keys = Map.of(
                "k.n", new KeySpec("k.n", KeyType.COUNT, "数", "n", null, org.safecounty.internal.pack.Bound.parse("k.d").orElseThrow(), null),
                "k.d", new KeySpec("k.d", KeyType.COUNT, "总数", "d", null));
        CountyFacts facts = new CountyFacts(new Profile("990001", "测试县", "", 1000, 1, 1, 2020,
                LocalDate.of(2020, 6, 1), Mode.SELF), measures, List.of(), keys);
        return new Indicator(new IndicatorSpec("Z.1", "Z", "z", "z", dec("3"), false), facts);
    }

    private static Indicator directIndicator() {
        return directIndicator(Map.of());
    }
}
