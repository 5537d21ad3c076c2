package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.safecounty.MiniPack.dec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.Assessor;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.facts.Tally;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.Verdict;

/**
 * What a province may revise lives in its pack: verdict levels (codes, names, order, whether they
 * pass, the rules that decide them), the rectification list's sections and the line it aims at,
 * rounding and what a not-applicable part scores. Worked on the toy standard: base county 20
 * points (A.1 4, A.2 3, A.3 4, B.1 6, B.2 3), pass line 16, excellent line 19, key-item floor 0.5;
 * the overlay {@code packs/mini-good} adds GOOD at 17.5, before PASS, and lists key items first
 * and the indicators that lift the total to the GOOD line.
 */
class PackDefinedStandardTest {

    @TempDir
    Path tmp;

    // -------------------------------------------------------------------- verdict levels

    @Test
    void anOverlayAddsALevel_inTheOrderItNames_withItsNames() throws IOException {
        RulePack good = goodPack();
        assertEquals(List.of("EXCELLENT", "GOOD", "PASS", "FAIL", "VETOED", "INCOMPLETE"),
                good.catalogue().verdicts().stream().map(Verdict::code).toList());
        assertEquals(new Verdict("GOOD", "良好", "Good", true), good.catalogue().verdict("GOOD").orElseThrow());
    }

    @Test
    void aTotalAtTheNewLine_getsTheNewLevel_andPassesWithoutARectificationList() throws IOException {
        // A.2 = 3 × 10 / 25 = 1.2; total 20 − 3 + 1.2 = 18.2: ≥ 17.5 (GOOD line), < 19 → GOOD
        ObjectNode s = MiniPack.set(MiniPack.base(), "a.hours", 10);
        AssessmentResult r = assess(goodPack(), s);
        assertEquals(0, r.totalScore().compareTo(dec("18.2")));
        assertEquals(new Verdict("GOOD", "良好", "Good", true), r.verdict());
        assertEquals(List.of(), r.rectification());
        // the base pack has no GOOD: the same county is PASS there
        assertEquals("PASS", MiniPack.assess(s).verdict().code());
    }

    @Test
    void aTotalBetweenThePassAndTheNewLine_staysPass() throws IOException {
        // A.2 = 0: total 17 ≥ 16, < 17.5 → PASS
        AssessmentResult r = assess(goodPack(), MiniPack.set(MiniPack.base(), "a.hours", 0));
        assertEquals(0, r.totalScore().compareTo(dec("17")));
        assertEquals("PASS", r.verdict().code());
    }

    @Test
    void theRectificationListAimsAtTheLineThePackNames_inTheOrderItCallsTheSections() throws IOException {
        // A.2 = 0, A.3 = 0: total 13 < 16 → FAIL. Base pack: short of 16 by 3 → A.3 (+4) suffices.
        // Overlay: short of 17.5 by 4.5 → A.3 (+4) leaves 0.5, then A.2 (+3).
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "a.hours", 0), "a.plan", false);
        assertEquals(List.of("RAISE_INDICATOR A.3 4"), lines(MiniPack.assess(s)));
        AssessmentResult r = assess(goodPack(), s);
        assertEquals("FAIL", r.verdict().code());
        assertEquals(List.of("RAISE_INDICATOR A.3 4", "RAISE_INDICATOR A.2 3"), lines(r));
    }

    @Test
    void keyItemsComeFirstWhereThePackCallsThemFirst() throws IOException {
        // a.checks 599 of 200,000 residents: 2.995 per 1000 < 3 → A.1 0 (key item, floor 2); the county
        // also lacks a.plan (A.3 missing: 0). Base pack order: missing evidence, then the key item.
        ObjectNode s = MiniPack.remove(MiniPack.set(MiniPack.base(), "a.checks", 599), "a.plan");
        List<String> kinds = MiniPack.assess(s).rectification().stream().map(i -> i.kind()).distinct().toList();
        assertEquals(List.of("MISSING_EVIDENCE", "KEY_ITEM_BELOW_FLOOR"), kinds.subList(0, 2));
        List<String> overlayKinds = assess(goodPack(), s).rectification().stream().map(i -> i.kind()).distinct()
                .toList();
        assertEquals(List.of("KEY_ITEM_BELOW_FLOOR", "MISSING_EVIDENCE"), overlayKinds.subList(0, 2));
    }

    @Test
    void aRuleDecidingALevelThePackDoesNotHave_isNamedAtItsLine() throws IOException {
        Path overlay = copyGood();
        replace(overlay.resolve("rules/verdict.drl"), "$t.decide( \"GOOD\" );", "$t.decide( \"GOOOD\" );");
        List<Problem> problems = planProblems(overlay);
        Problem unknown = problems.stream().filter(p -> p.code().equals("UNKNOWN_VERDICT")).findFirst().orElseThrow();
        assertTrue(unknown.path().startsWith("rules/verdict.drl:"), unknown.toString());
        assertTrue(unknown.en().contains("GOOOD") && unknown.en().contains("EXCELLENT, GOOD, PASS"), unknown.en());
        // and GOOD, which no rule decides now, is named too
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("NO_RULE") && p.en().contains("GOOD ")),
                problems.toString());
    }

    @Test
    void theTallyRefusesALevelThePackDoesNotHave_shouldARuleEverReachIt() {
        // the plan check stops such a pack at load; the tally is the second line behind it
        Tally tally = new Tally(List.of(), java.math.BigDecimal.ZERO, List.of(), java.util.Map.of(), java.util.Map.of(),
                MiniPack.pack().catalogue().verdicts(), MiniPack.pack().catalogue().scoring());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tally.decide("GOOD"));
        assertTrue(e.getMessage().contains("no level GOOD"), e.getMessage());
        tally.decide("PASS");
        assertEquals("PASS", tally.getVerdict().code());
    }

    @Test
    void levelsThatAreMalformed_areEachNamed() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        replace(base.resolve("pack.yaml"), "  - { id: PASS, zh: 达标, en: Pass, passes: true }",
                "  - { id: Pass, zh: 达标, en: Pass, passes: yes please }\n  - { id: FAIL, zh: 又一个, en: again, passes: false }");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(base));
        List<String> found = e.problems().stream().map(p -> p.path() + " " + p.en()).toList();
        assertTrue(found.stream().anyMatch(p -> p.contains("verdicts[1].id") && p.contains("upper-case")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("verdicts[1].passes")), found.toString());
        assertTrue(found.stream().anyMatch(p -> p.contains("verdicts[3].id") && p.contains("listed twice")),
                found.toString());
    }

    @Test
    void aPackWithoutLevels_isRefusedSayingWhatToWrite() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        String yaml = Files.readString(base.resolve("pack.yaml"));
        Files.writeString(base.resolve("pack.yaml"), yaml.substring(0, yaml.indexOf("\nverdicts:")) + "\n");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(base));
        assertTrue(e.problems().stream().anyMatch(p -> p.en().startsWith("verdicts is missing")
                && p.zh().startsWith("缺少 verdicts")), e.problems().toString());
    }

    @Test
    void anOverlayPlacingALevelBeforeOneThatDoesNotExist_isRefused() throws IOException {
        Path overlay = copyGood();
        replace(overlay.resolve("pack.yaml"), "before: PASS", "before: PASSS");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(overlay));
        assertTrue(e.problems().stream().anyMatch(p -> p.en().contains("before: PASSS is not in the list")),
                e.problems().toString());
    }

    @Test
    void anOverlayRemovingWhatTheBaseDoesNotHave_isRefused_notIgnored() throws IOException {
        Path overlay = copyGood();
        Files.writeString(overlay.resolve("pack.yaml"), Files.readString(overlay.resolve("pack.yaml"))
                + "bonus:\n  - { id: X9, remove: true }\n");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(overlay));
        assertTrue(e.problems().stream().anyMatch(p -> p.en().contains("remove: true names X9")), e.problems().toString());

        Path other = copyGood();
        replace(other.resolve("pack.yaml"), "extends: { id: mini-toy, version: 0.1.0 }",
                "extends: { id: mini-toy, version: 0.1.0, removeRules: [bonus.drll] }");
        e = assertThrows(RulePackException.class, () -> RulePack.load(other));
        assertTrue(e.problems().stream().anyMatch(p -> p.en().contains("removeRules names bonus.drll")),
                e.problems().toString());
    }

    // -------------------------------------------------------------------- arithmetic

    @Test
    void roundingFollowsThePack() throws IOException {
        // A.2 = 3 × 10.05 / 25 = 1.206: HALF_UP → 1.21 (the toy pack's default), DOWN → 1.20
        ObjectNode s = MiniPack.set(MiniPack.base(), "a.hours", new java.math.BigDecimal("10.05"));
        assertEquals(dec("1.21"), MiniPack.assess(s).indicator("A.2").score());
        RulePack down = overlay("mini-down", "rounding: DOWN\n");
        assertEquals(dec("1.20"), assess(down, s).indicator("A.2").score());
        assertEquals(0, assess(down, s).totalScore().compareTo(dec("18.20")));
    }

    @Test
    void whatANotApplicablePartScores_followsThePack() throws IOException {
        // B.2: ok / all with all = 0 → not applicable. FULL_POINTS (default): 3, total 20, EXCELLENT.
        // ZERO: 0, total 17 ≥ 16 → PASS. The status is NOT_APPLICABLE either way.
        ObjectNode s = MiniPack.set(MiniPack.set(MiniPack.base(), "b.ok", 0), "b.all", 0);
        AssessmentResult full = MiniPack.assess(s);
        assertEquals(dec("3.00"), full.indicator("B.2").score());
        assertEquals(IndicatorStatus.NOT_APPLICABLE, full.indicator("B.2").status());
        assertEquals("EXCELLENT", full.verdict().code());
        AssessmentResult zero = assess(overlay("mini-zero", "notApplicable: ZERO\n"), s);
        assertEquals(dec("0.00"), zero.indicator("B.2").score());
        assertEquals(IndicatorStatus.NOT_APPLICABLE, zero.indicator("B.2").status());
        assertEquals(0, zero.totalScore().compareTo(dec("17")));
        assertEquals("PASS", zero.verdict().code());
        assertTrue(zero.indicator("B.2").explanationEn().contains("not applicable, 0 points"),
                zero.indicator("B.2").explanationEn());
    }

    @Test
    void anUnknownRoundingOrNotApplicableChoice_namesTheChoices() throws IOException {
        RulePackException e = assertThrows(RulePackException.class,
                () -> overlay("mini-odd", "rounding: HALF_AWAY\nnotApplicable: HALF\n"));
        List<String> en = e.problems().stream().map(Problem::en).toList();
        assertTrue(en.contains("rounding should be one of HALF_UP, HALF_EVEN, HALF_DOWN, UP, DOWN"), en.toString());
        assertTrue(en.contains("notApplicable should be one of FULL_POINTS, ZERO"), en.toString());
    }

    // -------------------------------------------------------------------- helpers

    private RulePack goodPack() throws IOException {
        return RulePack.load(copyGood());
    }

    private Path copyGood() throws IOException {
        Path dir = tmp.resolve("set-" + System.nanoTime());
        MiniPack.copyTo(dir.resolve("mini-toy"));
        Path good = MiniPack.copyTo("mini-good", dir.resolve("mini-good"));
        return good;
    }

    private RulePack overlay(String id, String body) throws IOException {
        Path dir = tmp.resolve("set-" + System.nanoTime());
        MiniPack.copyTo(dir.resolve("mini-toy"));
        Path overlay = Files.createDirectories(dir.resolve(id));
        Files.writeString(overlay.resolve("pack.yaml"), "id: " + id + "\nversion: 0.1.0\n"
                + "extends: { id: mini-toy, version: 0.1.0 }\n" + body);
        return RulePack.load(overlay);
    }

    /** The problems that stop the pack loading: the plan check runs at load. */
    private static List<Problem> planProblems(Path overlay) {
        return assertThrows(RulePackException.class, () -> RulePack.load(overlay)).problems();
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static AssessmentResult assess(RulePack pack, ObjectNode s) {
        Outcome o = Assessor.of(pack).assess(json(pack, s));
        return assertInstanceOf(Outcome.Assessed.class, o, o.toString()).result();
    }

    private static String json(RulePack pack, ObjectNode s) {
        return MiniPack.json(s).replace("\"mini-toy\"", "\"" + pack.id() + "\"");
    }

    private static List<String> lines(AssessmentResult r) {
        return r.rectification().stream().map(i -> i.kind() + " " + i.indicator() + " "
                + i.gain().stripTrailingZeros().toPlainString()).toList();
    }
}
