package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.VetoResult;
import org.safecounty.rules.hebei2014.PlainScorer;

/**
 * The rule pack against {@link PlainScorer}, a plain-Java scorer written separately from the
 * standard's text, over thousands of generated submissions. A disagreement prints the submission,
 * shrunk by QuickTheories.
 */
class DifferentialTest {

    static final Hebei2014 H = Hebei2014.load();
    static final PlainScorer PLAIN = new PlainScorer();

    @Test
    void theRulePackAgreesWithAnIndependentScorerOfTheStandard() {
        int examples = Integer.getInteger("safecounty.properties.examples", 150) * 10;
        Hebei2014.qt(examples).forAll(H.submissions()).checkAssert(s -> agree(H.assessor, s));
    }

    @Test
    void anOffByOneThresholdInACopyOfThePackIsCaught() {
        RulePack broken = H.edited("parameters.yaml", "- { atLeast: 5, points: 3 }", "- { atLeast: 6, points: 3 }");
        Assessor assessor = Assessor.of(broken);
        AssertionError caught = assertThrows(AssertionError.class,
                () -> Hebei2014.qt(1500).forAll(H.submissions()).checkAssert(s -> agree(assessor, s)));
        assertTrue(caught.getMessage().contains("T1.2"), caught.getMessage());
    }

    static void agree(Assessor assessor, com.fasterxml.jackson.databind.node.ObjectNode s) {
        AssessmentResult engine = Hebei2014.assess(assessor, s);
        PlainScorer.Score plain = PLAIN.score(H.model(s));
        assertFalse(plain.inconsistent(), "the generator made inconsistent evidence");
        for (IndicatorResult i : engine.indicators()) {
            assertEquals(0, plain.indicators().get(i.id()).compareTo(i.score()),
                    i.id() + ": plain " + plain.indicators().get(i.id()) + ", pack " + i.score() + " (" + i.explanationEn() + ")");
            assertEquals(plain.statuses().get(i.id()), i.status(), i.id() + " status (" + i.explanationEn() + ")");
        }
        assertDecimal(plain.base(), engine.baseScore(), "base");
        assertDecimal(plain.bonus(), engine.bonusScore(), "bonus");
        assertDecimal(plain.total(), engine.totalScore(), "total");
        assertEquals(plain.vetoes(), engine.vetoes().stream().map(VetoResult::id).sorted().toList(), "vetoes");
        assertEquals(plain.verdict(), engine.verdict(), "verdict");
        Map<String, Object> notAccepted = new TreeMap<>();
        engine.notAccepted().forEach(n -> notAccepted.put(n.evidence(), n.reason()));
        assertEquals(new TreeMap<>(plain.notAccepted()), notAccepted, "notAccepted");
    }

    private static void assertDecimal(BigDecimal plain, BigDecimal engine, String what) {
        assertEquals(0, plain.compareTo(engine), what + ": plain " + plain + ", pack " + engine);
    }
}
