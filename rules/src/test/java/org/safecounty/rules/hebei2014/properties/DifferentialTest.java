package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.VetoResult;
import org.safecounty.rules.hebei2014.PlainScorer;

/**
 * The rule pack against {@link PlainScorer}, a plain-Java scorer written separately from the
 * standard's text, over thousands of generated submissions: every indicator's score, status and
 * missing keys, the totals, the triggered and the undecided vetoes (with the keys they lack), the
 * verdict and the evidence not accepted. A disagreement prints the submission, shrunk by
 * QuickTheories.
 */
class DifferentialTest {

    static final Hebei2014 H = Hebei2014.load();
    static final PlainScorer PLAIN = new PlainScorer();

    /** Examples of the broad run: 20 × the property tests' default of 150. */
    static final int EXAMPLES = Integer.getInteger("safecounty.properties.examples", 150) * 20;
    /** Examples of the run that draws only 0 denominators. */
    static final int ZERO_EXAMPLES = Integer.getInteger("safecounty.properties.examples", 150) * 10;

    @Test
    void theRulePackAgreesWithAnIndependentScorerOfTheStandard() {
        Tally tally = new Tally();
        Hebei2014.qt(EXAMPLES).forAll(H.submissions()).checkAssert(s -> tally.add(agree(H.assessor, s)));
        // the clarification of §2 (a 0 denominator makes its numerator unnecessary) is part of the mix
        assertTrue(tally.absentOverZero.get() * 10 >= tally.all.get(),
                "0 denominator, numerator absent: " + tally.absentOverZero + " of " + tally.all);
        assertTrue(tally.countedOverZero.get() * 10 >= tally.all.get(),
                "0 denominator, numerator counted: " + tally.countedOverZero + " of " + tally.all);
    }

    @Test
    void zeroDenominatorsMakeTheirNumeratorsUnnecessaryInTheRulePackAsInTheStandard() {
        Tally tally = new Tally();
        Hebei2014.qt(ZERO_EXAMPLES).forAll(H.zeroDenominatorSubmissions())
                .checkAssert(s -> tally.add(agree(H.assessor, s)));
        assertTrue(tally.absentOverZero.get() * 2 >= tally.all.get(),
                "0 denominator, numerator absent: " + tally.absentOverZero + " of " + tally.all);
        assertTrue(tally.countedOverZero.get() * 2 >= tally.all.get(),
                "0 denominator, numerator counted: " + tally.countedOverZero + " of " + tally.all);
        // every ratio of the standard, T3.3's computed denominator and the chains included, with its
        // numerator absent: each bounded key of the catalogue is a numerator of one
        int perKey = Math.max(5, ZERO_EXAMPLES / 100);
        Map<String, Integer> absent = tally.absentByKey;
        for (String key : H.zeros.numerators()) {
            assertTrue(absent.getOrDefault(key, 0) >= perKey,
                    key + " absent over a 0 denominator only " + absent.getOrDefault(key, 0) + " times: " + absent);
        }
    }

    @Test
    void anOffByOneThresholdInACopyOfThePackIsCaught() {
        RulePack broken = H.edited("parameters.yaml", "- { atLeast: 5, points: 3 }", "- { atLeast: 6, points: 3 }");
        Assessor assessor = Assessor.of(broken);
        AssertionError caught = assertThrows(AssertionError.class,
                () -> Hebei2014.qt(1500).forAll(H.submissions()).checkAssert(s -> agree(assessor, s)));
        assertTrue(caught.getMessage().contains("T1.2"), caught.getMessage());
    }

    static PlainScorer.Score agree(Assessor assessor, ObjectNode s) {
        AssessmentResult engine = Hebei2014.assess(assessor, s);
        PlainScorer.Score plain = PLAIN.score(H.model(s));
        assertFalse(plain.inconsistent(), "the generator made inconsistent evidence");
        for (IndicatorResult i : engine.indicators()) {
            assertEquals(0, plain.indicators().get(i.id()).compareTo(i.score()),
                    i.id() + ": plain " + plain.indicators().get(i.id()) + ", pack " + i.score() + " (" + i.explanationEn() + ")");
            assertEquals(plain.statuses().get(i.id()), i.status(), i.id() + " status (" + i.explanationEn() + ")");
            assertEquals(plain.missingKeys().get(i.id()), i.missingKeys().stream().sorted().toList(),
                    i.id() + " missing keys (" + i.explanationEn() + ")");
        }
        assertDecimal(plain.base(), engine.baseScore(), "base");
        assertDecimal(plain.bonus(), engine.bonusScore(), "bonus");
        assertDecimal(plain.total(), engine.totalScore(), "total");
        assertEquals(plain.vetoes(), engine.vetoes().stream().map(VetoResult::id).sorted().toList(), "vetoes");
        Map<String, List<String>> undecided = new TreeMap<>();
        for (UndecidedVeto u : engine.undecidedVetoes()) {
            undecided.put(u.id(), u.missingKeys().stream().sorted().toList());
        }
        assertEquals(plain.undecidedVetoes(), undecided, "undecided vetoes and the keys they lack");
        assertEquals(plain.verdict().name(), engine.verdict().code(), "verdict");
        Map<String, Object> notAccepted = new TreeMap<>();
        engine.notAccepted().forEach(n -> notAccepted.put(n.evidence(), n.reason()));
        assertEquals(new TreeMap<>(plain.notAccepted()), notAccepted, "notAccepted");
        return plain;
    }

    private static void assertDecimal(BigDecimal plain, BigDecimal engine, String what) {
        assertEquals(0, plain.compareTo(engine), what + ": plain " + plain + ", pack " + engine);
    }

    /** How often the agreed submissions had a 0 denominator, with its numerator absent or counted. */
    private static final class Tally {
        final AtomicInteger all = new AtomicInteger();
        final AtomicInteger absentOverZero = new AtomicInteger();
        final AtomicInteger countedOverZero = new AtomicInteger();
        /** numerator key → submissions where a 0 denominator made it unnecessary while it had no counted item */
        final Map<String, Integer> absentByKey = new TreeMap<>();

        void add(PlainScorer.Score plain) {
            all.incrementAndGet();
            if (!plain.notNeeded().isEmpty()) {
                absentOverZero.incrementAndGet();
            }
            if (!plain.countedOverZero().isEmpty()) {
                countedOverZero.incrementAndGet();
            }
            plain.notNeeded().values().stream().flatMap(List::stream).distinct()
                    .forEach(k -> absentByKey.merge(k, 1, Integer::sum));
        }
    }
}
