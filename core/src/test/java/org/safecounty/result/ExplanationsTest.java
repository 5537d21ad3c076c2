package org.safecounty.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.safecounty.result.ExplanationStep.Incident;
import org.safecounty.result.ExplanationStep.Kind;

/**
 * Explanations are data until written, and the words are a resource file per language: Chinese
 * and English render every kind of step as the engine always worded it, and {@code qps_ploc}, a
 * pseudo-language that exists only as a test resource file, renders every kind of step, label and
 * value without a line of Java knowing it.
 */
class ExplanationsTest {

    static final Label.Key WEIGHT = new Label.Key("org.assessment_weight_pct", "考核权重（%）", "assessment weight (%)");
    static final Label.Key CLOSED = new Label.Key("enf.cases_closed", "结案数", "cases closed");
    static final Label.Key FILED = new Label.Key("enf.cases_filed", "立案数", "cases filed");
    static final Label.Key UNNAMED = new Label.Key("x.unnamed", null, " ");

    static Quantity value(String v) {
        return new Quantity(Quantity.Kind.VALUE, new BigDecimal(v), BigDecimal.ONE, null, null);
    }

    static Quantity fraction(long n, long d) {
        return new Quantity(Quantity.Kind.VALUE, BigDecimal.valueOf(n), BigDecimal.valueOf(d), null, null);
    }

    static Quantity flag(boolean b) {
        return new Quantity(Quantity.Kind.VALUE, b ? BigDecimal.ONE : BigDecimal.ZERO, BigDecimal.ONE, b, null);
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    /** One step of every kind, as the scoring forms and veto checks make them. */
    static Map<Kind, ExplanationStep> everyKind() {
        Label ratio = Label.ratio(CLOSED, FILED);
        Map<Kind, ExplanationStep> m = new EnumMap<>(Kind.class);
        m.put(Kind.STEPPED_REACHED, ExplanationStep.of(Kind.STEPPED_REACHED, WEIGHT, value("100"), dec("5"), dec("3")));
        m.put(Kind.STEPPED_BELOW, ExplanationStep.of(Kind.STEPPED_BELOW, WEIGHT, value("2"), dec("3"), null));
        m.put(Kind.PROPORTIONAL, new ExplanationStep(Kind.PROPORTIONAL, ratio, fraction(170, 174), dec("1"), dec("3"),
                dec("3").multiply(dec("170")).divide(dec("174"), java.math.MathContext.DECIMAL128), List.of()));
        m.put(Kind.YES, ExplanationStep.of(Kind.YES, WEIGHT, null, null, dec("1")));
        m.put(Kind.NO, ExplanationStep.of(Kind.NO, WEIGHT));
        m.put(Kind.NOT_APPLICABLE_ZERO, ExplanationStep.of(Kind.NOT_APPLICABLE_ZERO, ratio));
        m.put(Kind.NOT_APPLICABLE_FULL, ExplanationStep.of(Kind.NOT_APPLICABLE_FULL, ratio, null, null, dec("1.5")));
        m.put(Kind.MISSING, ExplanationStep.of(Kind.MISSING, WEIGHT));
        m.put(Kind.DEDUCTION, new ExplanationStep(Kind.DEDUCTION, new Label.Incidents(), value("3"), null, dec("0.5"),
                dec("1.5"), List.of()));
        m.put(Kind.DEDUCTION_MISSING, ExplanationStep.of(Kind.DEDUCTION_MISSING, CLOSED));
        m.put(Kind.VETO_BELOW, ExplanationStep.of(Kind.VETO_BELOW, ratio, fraction(5, 10), dec("0.9"), null));
        m.put(Kind.VETO_NOT_BELOW, ExplanationStep.of(Kind.VETO_NOT_BELOW, ratio, fraction(10, 10), dec("0.9"), null));
        m.put(Kind.VETO_STATED, ExplanationStep.of(Kind.VETO_STATED, ratio, Quantity.MISSING, null, null));
        m.put(Kind.VETO_YES, ExplanationStep.of(Kind.VETO_YES, WEIGHT));
        m.put(Kind.VETO_NONE, ExplanationStep.of(Kind.VETO_NONE, Label.text("瞒报事故", "concealed incident")));
        m.put(Kind.VETO_LISTED, new ExplanationStep(Kind.VETO_LISTED, Label.text("发生重大及以上事故", "major incident"),
                null, null, null, null, List.of(new Incident("INC-1", "I"), new Incident("INC-2", "II"))));
        return m;
    }

    @Test
    void everyKindOfStepIsCovered() {
        assertEquals(List.of(Kind.values()), List.copyOf(everyKind().keySet()));
    }

    @Test
    void chineseAndEnglishWordEveryKindOfStepAsTheEngineAlwaysDid() {
        Map<Kind, List<String>> expected = new EnumMap<>(Kind.class);
        expected.put(Kind.STEPPED_REACHED, List.of("考核权重（%） org.assessment_weight_pct 100 ≥ 5，得 3 分",
                "assessment weight (%) org.assessment_weight_pct 100 ≥ 5: 3 points"));
        expected.put(Kind.STEPPED_BELOW, List.of("考核权重（%） org.assessment_weight_pct 2，低于 3，得 0 分",
                "assessment weight (%) org.assessment_weight_pct 2 is below 3: 0 points"));
        expected.put(Kind.PROPORTIONAL, List.of(
                "结案数 enf.cases_closed/立案数 enf.cases_filed 170/174 = 0.977，目标 1，得 3 × min(1, 实际值/目标) = 2.931 分",
                "cases closed enf.cases_closed / cases filed enf.cases_filed 170/174 = 0.977, target 1: 3 × min(1, value/target) = 2.931 points"));
        expected.put(Kind.YES, List.of("考核权重（%） org.assessment_weight_pct：是，得 1 分",
                "assessment weight (%) org.assessment_weight_pct: yes, 1 point"));
        expected.put(Kind.NO, List.of("考核权重（%） org.assessment_weight_pct：否，得 0 分",
                "assessment weight (%) org.assessment_weight_pct: no, 0 points"));
        expected.put(Kind.NOT_APPLICABLE_ZERO, List.of("结案数 enf.cases_closed/立案数 enf.cases_filed：无此项，不得分",
                "cases closed enf.cases_closed / cases filed enf.cases_filed: not applicable, 0 points"));
        expected.put(Kind.NOT_APPLICABLE_FULL, List.of("结案数 enf.cases_closed/立案数 enf.cases_filed：无此项，得满分 1.5 分",
                "cases closed enf.cases_closed / cases filed enf.cases_filed: not applicable, full 1.5 points"));
        expected.put(Kind.MISSING, List.of("考核权重（%） org.assessment_weight_pct：缺少材料，得 0 分",
                "assessment weight (%) org.assessment_weight_pct: missing, 0 points"));
        expected.put(Kind.DEDUCTION, List.of("事故起数 3，每项扣 0.5 分，扣 1.5 分",
                "incidents 3, 0.5 deducted each: 1.5 points deducted"));
        expected.put(Kind.DEDUCTION_MISSING, List.of("结案数 enf.cases_closed：缺少材料", "cases closed enf.cases_closed: missing"));
        expected.put(Kind.VETO_BELOW, List.of("结案数 enf.cases_closed/立案数 enf.cases_filed 5/10 = 0.5，低于 0.9，触发否决",
                "cases closed enf.cases_closed / cases filed enf.cases_filed 5/10 = 0.5 is below 0.9: vetoed"));
        expected.put(Kind.VETO_NOT_BELOW, List.of("结案数 enf.cases_closed/立案数 enf.cases_filed 10/10 = 1 不低于 0.9",
                "cases closed enf.cases_closed / cases filed enf.cases_filed 10/10 = 1 is not below 0.9"));
        expected.put(Kind.VETO_STATED, List.of("结案数 enf.cases_closed/立案数 enf.cases_filed：缺少材料",
                "cases closed enf.cases_closed / cases filed enf.cases_filed: missing"));
        expected.put(Kind.VETO_YES, List.of("考核权重（%） org.assessment_weight_pct：是，触发否决",
                "assessment weight (%) org.assessment_weight_pct: yes, vetoed"));
        expected.put(Kind.VETO_NONE, List.of("瞒报事故：没有", "concealed incident: none"));
        expected.put(Kind.VETO_LISTED, List.of("发生重大及以上事故：INC-1（I）, INC-2（II），触发否决",
                "major incident: INC-1 (I), INC-2 (II), vetoed"));
        everyKind().forEach((kind, step) -> {
            assertEquals(expected.get(kind).get(0), Explanations.ZH.step(step), kind + " in Chinese");
            assertEquals(expected.get(kind).get(1), Explanations.EN.step(step), kind + " in English");
        });
    }

    @Test
    void aThirdLanguageIsAResourceFileAndRendersEveryKindOfStep() {
        Explanations pseudo = Explanations.of("qps_ploc");
        assertSame(pseudo, Explanations.of("qps_ploc"), "a language is loaded once");
        everyKind().forEach((kind, step) -> {
            String text = pseudo.step(step);
            assertTrue(text.startsWith("⟦") && text.endsWith("⟧"), kind + " is worded by the pseudo-language: " + text);
            assertFalse(text.contains("{") || text.contains("}"), kind + " leaves no placeholder: " + text);
            assertFalse(text.matches(".*\\p{IsHan}.*"), kind + " shows no Chinese: " + text);
        });
        Map<Kind, ExplanationStep> steps = everyKind();
        assertEquals("⟦«assessment weight (%)» (org.assessment_weight_pct) = 100 ≥ 5 → 3 þöîñţš⟧",
                pseudo.step(steps.get(Kind.STEPPED_REACHED)));
        assertEquals("⟦«cases closed» (enf.cases_closed) ÷ «cases filed» (enf.cases_filed) = 170:174 ≈ 0.977, ţàŕĝéţ 1:"
                + " 3 × ṁîñ(1, 170:174 ≈ 0.977/1) = 2.931⟧", pseudo.step(steps.get(Kind.PROPORTIONAL)));
        assertEquals("⟦major incident: INC-1 [I] + INC-2 [II], ṽéţöéð⟧", pseudo.step(steps.get(Kind.VETO_LISTED)));
        assertEquals("⟦«assessment weight (%)» (org.assessment_weight_pct): ýéš → 1 þöîñţ⟧ ¦ ⟦îñçîðéñţš = 3, −0.5 éàçĥ → −1.5⟧"
                + " ¦ ⟦ţöţàļ 1 þöîñţ⟧", pseudo.scored(List.of(steps.get(Kind.YES), steps.get(Kind.DEDUCTION)), BigDecimal.ONE));
    }

    @Test
    void everyKindOfLabelAndValueIsWordedInEachLanguage() {
        Explanations pseudo = Explanations.of("qps_ploc");
        Label per = Label.per(CLOSED, new Label.Profile("population"), dec("1000"));
        Label difference = Label.difference(CLOSED, FILED);
        Label within = new Label.IncidentsWithin(dec("2"));
        assertEquals(List.of("结案数 enf.cases_closed（每1000常住人口）", "cases closed enf.cases_closed per 1000 residents",
                "«cases closed» (enf.cases_closed) þéŕ 1000 ŕéšîðéñţš"), all(per));
        assertEquals(List.of("(结案数 enf.cases_closed−立案数 enf.cases_filed)",
                "(cases closed enf.cases_closed − cases filed enf.cases_filed)",
                "(«cases closed» (enf.cases_closed) − «cases filed» (enf.cases_filed))"), all(difference));
        assertEquals(List.of("2小时内报告的事故起数", "incidents reported within 2 h", "îñçîðéñţš ŕéþöŕţéð ŵîţĥîñ 2 ĥ"), all(within));
        assertEquals(List.of("x.unnamed", "x.unnamed", "«x.unnamed»"), all(UNNAMED));
        assertEquals(List.of("乡镇数", "townships", "ţöŵñšĥîþš"), all(new Label.Profile("townships")));
        assertEquals(List.of("enf.cases_closed", "county.population"), per.keys());

        Quantity rate = new Quantity(Quantity.Kind.VALUE, dec("1368000"), dec("342000"), null,
                new Quantity.Rate(dec("1368"), dec("342000"), dec("1000")));
        assertEquals(List.of("4（1368 ÷ 342000 × 1000）", "4 (1368 ÷ 342000 × 1000)", "4 [1368 ÷ 342000 × 1000]"),
                values(rate));
        Quantity bound = new Quantity(Quantity.Kind.VALUE, BigDecimal.ZERO, BigDecimal.ONE, null, new Quantity.BoundZero());
        assertEquals(List.of("0（上限为 0）", "0 (its bound is 0)", "0 (ƀöûñð 0)"), values(bound));
        assertEquals(List.of("缺少材料", "missing", "ṁîššîñĝ"), values(Quantity.MISSING));
        assertEquals(List.of("无此项", "not applicable", "ñ/à"), values(Quantity.NOT_APPLICABLE));
        assertEquals(List.of("是", "yes", "ýéš"), values(flag(true)));
        assertEquals(List.of("否", "no", "ñö"), values(flag(false)));
        assertEquals(List.of("46/50 = 0.92", "46/50 = 0.92", "46:50 ≈ 0.92"), values(fraction(46, 50)));
        assertEquals(List.of("6", "6", "6"), values(value("6.00")));
        assertEquals("qps_ploc", pseudo.language());
    }

    @Test
    void aKeysLabelIsRenderedOncePerLanguageAndLabelsStayShort() {
        String once = Explanations.ZH.label(WEIGHT);
        assertSame(once, Explanations.ZH.label(WEIGHT), "a key's label is kept once rendered");
        Label.Key longName = new Label.Key("k.long", "长".repeat(200), "long");
        assertEquals(160, Explanations.ZH.label(longName).length());
        assertTrue(Explanations.ZH.label(longName).endsWith("…"));
        // readings nested without end are rendered as they nest, never walking a long chain later
        Label nested = WEIGHT;
        for (int n = 0; n < 100; n++) {
            nested = Label.ratio(nested, nested);
        }
        assertTrue(nested.depth() <= Label.MAX_DEPTH);
        assertEquals(160, Explanations.EN.label(nested).length());
    }

    @Test
    void aLanguageFileMustGiveEveryKeyAndOnlyThePlaceholdersEachMayUse() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> Explanations.of("xx"));
        assertThrows(IllegalArgumentException.class, () -> Explanations.of("../zh"));
        Properties zh = new Properties();
        try (var in = Explanations.class.getResourceAsStream("explanations_zh.properties")) {
            zh.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Properties lacking = (Properties) zh.clone();
        lacking.remove("step.VETO_LISTED");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Explanations.from("t1", lacking));
        assertTrue(e.getMessage().contains("lacks step.VETO_LISTED"), e.getMessage());
        Properties wrongSlot = (Properties) zh.clone();
        wrongSlot.setProperty("label.ratio", "{numerator}/{denominator}/{count}");
        e = assertThrows(IllegalStateException.class, () -> Explanations.from("t2", wrongSlot));
        assertTrue(e.getMessage().contains("label.ratio may not use {count}"), e.getMessage());
        Properties wrongNames = (Properties) zh.clone();
        wrongNames.setProperty("names", "fr");
        assertThrows(IllegalStateException.class, () -> Explanations.from("t3", wrongNames));
    }

    private static List<String> all(Label label) {
        return List.of(Explanations.ZH.label(label), Explanations.EN.label(label), Explanations.of("qps_ploc").label(label));
    }

    private static List<String> values(Quantity q) {
        return List.of(Explanations.ZH.value(q), Explanations.EN.value(q), Explanations.of("qps_ploc").value(q));
    }
}
