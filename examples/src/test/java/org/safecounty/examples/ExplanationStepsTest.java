package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.ExplanationStep;
import org.safecounty.result.Explanations;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.Label;
import org.safecounty.result.Outcome;

/**
 * Issue 14, part 3: a result keeps its explanation as steps, data rendered only when written. The
 * steps of the sample counties name their keys, values, thresholds and points; a key's label is
 * the pack's, the same object in every county; and the pseudo-language {@code qps_ploc}, a test
 * resource file of core, words every step of every sample without a line of Java knowing it.
 */
class ExplanationStepsTest {

    static Assessor assessor;

    @BeforeAll
    static void load() {
        assessor = Assessor.bundled();
    }

    static AssessmentResult assess(String file) throws IOException {
        Outcome o = assessor.assess(Files.readString(Path.of("samples", file), StandardCharsets.UTF_8));
        return assertInstanceOf(Outcome.Assessed.class, o, file).result();
    }

    @Test
    void stepsAreDataThatNameTheirKeysValuesAndPoints() throws IOException {
        IndicatorResult t12 = assess("130123-zhengding.json").indicator("T1.2");
        ExplanationStep step = t12.steps().get(0);
        assertEquals(ExplanationStep.Kind.STEPPED_REACHED, step.kind());
        assertEquals(java.util.List.of("org.assessment_weight_pct"), step.keys());
        assertEquals(0, step.threshold().compareTo(java.math.BigDecimal.valueOf(5)), "the band reached");
        assertEquals(0, step.points().compareTo(java.math.BigDecimal.valueOf(3)), "the band's points");
        assertEquals("考核权重（%） org.assessment_weight_pct 8 ≥ 5，得 3 分；合计 3 分", t12.explanation());
        assertTrue(t12.explanationEn().endsWith("≥ 5: 3 points; total 3 points"), t12.explanationEn());
        assertThrows(UnsupportedOperationException.class, () -> t12.steps().add(null), "the steps are immutable");
    }

    @Test
    void aKeysLabelIsThePacksInEveryCounty() throws IOException {
        Label a = assess("130123-zhengding.json").indicator("T1.2").steps().get(0).subject();
        Label b = assess("130181-xinji.json").indicator("T1.2").steps().get(0).subject();
        assertInstanceOf(Label.Key.class, a);
        assertSame(a, b, "built once per pack, not once per read");
    }

    @Test
    void thePseudoLanguageWordsEveryStepOfEverySample() throws IOException {
        Explanations pseudo = Explanations.of("qps_ploc");
        Set<ExplanationStep.Kind> seen = EnumSet.noneOf(ExplanationStep.Kind.class);
        int texts = 0;
        for (String file : ExplanationsTest.samples().toList()) {
            AssessmentResult r = assess(file);
            for (IndicatorResult i : r.indicators()) {
                i.steps().forEach(s -> seen.add(s.kind()));
                check(pseudo.scored(i.steps(), i.score()), i.id());
                texts++;
            }
            for (var b : r.bonus()) {
                check(pseudo.scored(b.steps(), b.score()), b.id());
                texts++;
            }
            for (var v : r.vetoChecks()) {
                v.steps().forEach(s -> seen.add(s.kind()));
                check(pseudo.steps(v.steps()), v.id());
                texts++;
            }
        }
        assertTrue(texts > 14 * 40, "every item of every sample is worded: " + texts);
        assertTrue(seen.size() >= 8, "the samples take many kinds of step: " + seen);
    }

    private static void check(String text, String id) {
        assertTrue(text.contains("⟦ţöţàļ") || text.startsWith("⟦"), id + ": " + text);
        assertFalse(text.matches(".*\\p{IsHan}.*"), id + " shows no Chinese: " + text);
        assertFalse(text.contains("{"), id + " leaves no placeholder: " + text);
        assertFalse(text.contains(" points") || text.contains(": missing") || text.contains("; total"),
                id + " shows none of the English wording: " + text);
    }
}
