package org.safecounty.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safecounty.MiniPack.dec;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.RectificationStep;
import org.safecounty.submission.Mode;

/**
 * The plans that lift an item to a floor (§9, clarified 2026-11), worked by hand: each names a
 * change the county can make and the points it earns.
 */
class FloorPlanTest {

    private final Map<String, CountedEvidence> measures = new HashMap<>();

    @Test
    void stepped_namesTheFirstBandThatReachesTheFloor() {
        count("k.pct", "4");
        Indicator i = indicator();
        // bands ≥ 5 → 3, ≥ 3 → 1.5; 4 gives 1.5; floor 1.8 needs the ≥ 5 band
        i.award(i.stepped(i.value("k.pct"), List.of(band("5", "3"), band("3", "1.5"))));
        FloorPlan.Plan plan = i.planToReach(dec("1.8")).orElseThrow();
        assertEquals(List.of(new RectificationStep("RAISE_TO", "k.pct", null, dec("5"), dec("3"), dec("1.5"))),
                plan.steps());
        assertEquals(0, dec("3").compareTo(plan.score()));
    }

    @Test
    void steppedRatio_namesTheLeastWholeCountOverTheDenominator() {
        count("k.total", "12");
        count("k.done", "7");
        Indicator i = indicator();
        // 7/12 < 0.8 → 0; ≥ 0.8 of 12 is 9.6, so 10 (9/12 = 0.75 is not enough) → 1.5 reaches 1.5
        i.award(i.stepped(i.ratio(i.value("k.done"), i.value("k.total")), List.of(band("1", "3"), band("0.8", "1.5"))));
        FloorPlan.Plan plan = i.planToReach(dec("1.5")).orElseThrow();
        assertEquals(List.of(new RectificationStep("RAISE_TO", "k.done", null, dec("10"), dec("1.5"), dec("1.5"))),
                plan.steps());
    }

    @Test
    void proportional_namesTheValueWhosePointsReachTheFloorExactly() {
        count("k.hours", "10");
        Indicator i = indicator();
        // 3 × min(1, 10/40) = 0.75; floor 1.8 needs value 1.8 / 3 × 40 = 24 → 1.8, +1.05
        i.award(i.proportional(i.value("k.hours"), dec("3"), dec("40")));
        FloorPlan.Plan plan = i.planToReach(dec("1.8")).orElseThrow();
        assertEquals(1, plan.steps().size());
        RectificationStep step = plan.steps().get(0);
        assertEquals("RAISE_TO", step.action());
        assertEquals(0, dec("24").compareTo(step.target()));
        assertEquals(0, dec("1.8").compareTo(step.points()));
        assertEquals(0, dec("1.05").compareTo(step.gain()));
    }

    @Test
    void deduction_namesTheMostOccurrencesThatStillReachTheFloor() {
        count("k.violations", "4");
        Indicator i = indicator();
        // 2 + 2 − 4 × 0.5 = 2 < 2.4: at most (4 − 2.4) / 0.5 = 3.2 → 3 violations, 2.5
        i.award(i.when(Reading.ofFlag(true, "a", "a").movedBy(Lever.ofKey("k.a", false, null)), dec("2")));
        i.award(i.when(Reading.ofFlag(true, "b", "b").movedBy(Lever.ofKey("k.b", false, null)), dec("2")));
        i.deductEach(i.value("k.violations"), dec("0.5"));
        FloorPlan.Plan plan = i.planToReach(dec("2.4")).orElseThrow();
        assertEquals(List.of(new RectificationStep("REDUCE_TO", "k.violations", null, dec("3"), null, dec("0.5"))),
                plan.steps());
    }

    @Test
    void twoParts_whenNoSinglePartReachesTheFloor() {
        count("k.violations", "1");
        Indicator i = indicator();
        // both flags false, 1 violation: 0; one flag gives 2 − 0.5 = 1.5 < 2.4; both give 3.5
        i.award(i.when(i.value("k.a"), dec("2")));
        i.award(i.when(i.value("k.b"), dec("2")));
        i.deductEach(i.value("k.violations"), dec("0.5"));
        FloorPlan.Plan plan = i.planToReach(dec("2.4")).orElseThrow();
        assertEquals(List.of("k.a", "k.b"), plan.steps().stream().map(RectificationStep::key).toList());
        assertTrue(plan.steps().stream().allMatch(s -> s.action().equals("SET_TRUE")));
        assertEquals(0, dec("3.5").compareTo(plan.score()));
        // each step adds to the score after the one before: 0 → 2 − 0.5 = 1.5, then → 3.5
        assertEquals(0, dec("1.5").compareTo(plan.steps().get(0).gain()));
        assertEquals(0, dec("2").compareTo(plan.steps().get(1).gain()));
    }

    @Test
    void aDeductionThatHoldsTheScoreAtZero_isTakenFirstAndTheGainsAddUp() {
        count("k.violations", "41");
        Indicator i = indicator();
        // flag a false, flag b true: 2 − 41 × 0.5 = −18.5 → 0. Fewest changes: one part alone cannot
        // reach 2.4 (4 − n × 0.5 ≥ 2.4 needs both flags), so set a and cut violations to 3:
        // first 41 → 3 gives max(0, 2 − 1.5) = 0.5 (+0.5), then a gives 4 − 1.5 = 2.5 (+2)
        i.award(i.when(Reading.ofFlag(false, "a", "a").movedBy(Lever.ofKey("k.a", false, null)), dec("2")));
        i.award(i.when(Reading.ofFlag(true, "b", "b").movedBy(Lever.ofKey("k.b", false, null)), dec("2")));
        i.deductEach(i.value("k.violations"), dec("0.5"));
        FloorPlan.Plan plan = i.planToReach(dec("2.4")).orElseThrow();
        assertEquals(List.of(new RectificationStep("REDUCE_TO", "k.violations", null, dec("3"), null, dec("0.5")),
                new RectificationStep("SET_TRUE", "k.a", null, null, dec("2"), dec("2"))), plan.steps());
        assertEquals(0, dec("2.5").compareTo(plan.score()));
    }

    @Test
    void aDenominator_isNamedNoLowerThanTheNumeratorAlreadyCounted() {
        count("k.done", "30");
        Indicator i = indicator();
        // k.total missing; 1 per 1,000 of 1,000 residents would need only 1, but 30 done are
        // counted and can never exceed k.total: supplying fewer than 30 would be rejected
        Reading rate = i.per(i.value("k.total"), i.profile("population"), 1000);
        i.award(i.reaches(rate, dec("1"), dec("3")));
        FloorPlan.Plan plan = i.planToReach(dec("1.8")).orElseThrow();
        assertEquals(List.of(new RectificationStep("SUPPLY_AT_LEAST", "k.total", null, dec("30"), dec("3"), dec("3"))),
                plan.steps());
    }

    private void count(String key, String value) {
        measures.put(key, new CountedEvidence("e-" + key, key, value.equals("true") ? Boolean.TRUE : dec(value),
                LocalDate.of(2020, 5, 1), null, "evidence[0]"));
    }

    private Indicator indicator() {
        Map<String, KeySpec> keys = new HashMap<>();
        for (String k : List.of("k.pct", "k.total", "k.hours", "k.violations")) {
            keys.put(k, new KeySpec(k, k.equals("k.pct") || k.equals("k.hours") ? KeyType.NUMBER : KeyType.COUNT,
                    k, k, null));
        }
        keys.put("k.done", new KeySpec("k.done", KeyType.COUNT, "k.done", "k.done", null,
                Bound.parse("k.total").orElseThrow(), null));
        keys.put("k.a", new KeySpec("k.a", KeyType.BOOL, "k.a", "k.a", null));
        keys.put("k.b", new KeySpec("k.b", KeyType.BOOL, "k.b", "k.b", null));
        CountyFacts facts = new CountyFacts(new Profile("990001", "测试县", "", 1000, 1, 1, 2020,
                LocalDate.of(2020, 6, 1), Mode.SELF), measures, List.of(), keys);
        return new Indicator(new IndicatorSpec("Z.1", "Z", "z", "z", dec("4"), true), facts);
    }

    private static Band band(String atLeast, String points) {
        return new Band(dec(atLeast), dec(points));
    }

}
