package org.safecounty.internal.packtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.MiniPack;
import org.safecounty.internal.authoring.PackSuite;

/**
 * An overlay runs its base's test cases against itself, changed only where it says so. Worked on
 * the mini pack (A.1: checks per 1,000 residents, ≥ 5 → 4, ≥ 3 → 2; population 200,000) and an
 * overlay {@code mini-revised} that raises the lower band to 3 points: 600 checks (3 per 1,000)
 * score 3 there instead of 2, and the base county still scores full marks (20).
 */
class InheritedCasesTest {

    @TempDir
    Path tmp;

    /** The base's cases: the second is the one the overlay's figure changes. */
    private static final String BASE_CASES = String.join("\n",
            "cases:",
            "  - name: \"A.1 at 5 per 1,000 scores 4\"",
            "    evidence: { a.checks: 1000 }",
            "    expect: { indicators: { A.1: { score: 4, status: MET } }, verdict: EXCELLENT }",
            "  - name: \"A.1 at 3 per 1,000 scores 2\"",
            "    evidence: { a.checks: 600 }",
            "    expect: { indicators: { A.1: { score: 2, status: PARTIAL } }, totalScore: 18 }   # 20 − 2",
            "  - name: \"A.3 without a plan scores 0\"",
            "    evidence: { a.plan: false }",
            "    expect: { indicators: { A.3: { score: 0, status: NOT_MET } }, totalScore: 16 }   # 20 − 4",
            "");

    private static final String ADJUST_SECOND = String.join("\n",
            "adjust:",
            "  - case: \"a.yaml: A.1 at 3 per 1,000 scores 2\"",
            "    expect: { indicators: { A.1: { score: 3 } }, totalScore: 19 }   # ≥ 3 → 3 here; 20 − 1",
            "");

    private Path overlay;

    @BeforeEach
    void packs() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        Files.createDirectories(base.resolve("tests"));
        Files.writeString(base.resolve("tests/base-county.json"), MiniPack.json(MiniPack.base()));
        Files.writeString(base.resolve("tests/a.yaml"), BASE_CASES);
        overlay = overlay("mini-revised", "mini-toy");
        Files.writeString(overlay.resolve("parameters.yaml"), String.join("\n",
                "A.1.bands:",
                "  zh: 每千人检查数分档",
                "  en: bands of checks per 1000 residents",
                "  ref: \"A.1 revised\"",
                "  bands:",
                "    - { atLeast: 5, points: 4 }",
                "    - { atLeast: 3, points: 3 }",
                ""));
    }

    @Test
    void theBaseCasesRunAgainstTheOverlay_andTheOneItsFigureChangesFails() {
        PackSuite suite = PackSuite.load(overlay);
        assertEquals(3, suite.cases().inherited());
        assertEquals(0, suite.cases().own());
        List<CaseResult> results = suite.results();
        assertEquals(List.of(true, false, true), results.stream().map(CaseResult::passed).toList());
        assertEquals("tests/a.yaml (from mini-toy) #1 A.1 at 3 per 1,000 scores 2", results.get(1).testCase().label());
        assertTrue(PackSuite.describe(results.get(1)).contains("indicator A.1 score: expected 2, got 3"),
                PackSuite.describe(results.get(1)));
        // assessed under the overlay, though the base county names the base's standard
        assertEquals("mini-revised", results.get(0).testCase().submission().path("assessment").path("standard").asText());
    }

    @Test
    void anAdjustment_changesOnlyTheFieldsItNames() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND);
        PackSuite suite = PackSuite.load(overlay);
        assertEquals(List.of(), failures(suite));
        PackCase adjusted = suite.cases().cases().get(1);
        assertEquals("tests/a.yaml (from mini-toy, adjusted) #1 A.1 at 3 per 1,000 scores 2", adjusted.label());
        // the status it did not name is still checked
        assertEquals("PARTIAL", adjusted.expect().path("indicators").path("A.1").path("status").asText());
        assertEquals(19, adjusted.expect().path("totalScore").asInt());
        assertEquals(1, suite.cases().adjusted());
        assertEquals(3, suite.cases().inherited());
    }

    @Test
    void anOwnCaseOfTheSameFileAndName_replacesTheInheritedOne() throws IOException {
        write(overlay, "tests/a.yaml", String.join("\n",
                "cases:",
                "  - name: \"A.1 at 3 per 1,000 scores 2\"",
                "    evidence: { a.checks: 600 }",
                "    expect: { indicators: { A.1: { score: 3, status: PARTIAL } } }",
                ""));
        PackSuite suite = PackSuite.load(overlay);
        assertEquals(List.of(), failures(suite));
        CaseReader.Cases cases = suite.cases();
        assertEquals(List.of(2, 1, 1), List.of(cases.inherited(), cases.own(), cases.replaced()));
        assertEquals("tests/a.yaml #0 A.1 at 3 per 1,000 scores 2", cases.cases().get(2).label());
    }

    @Test
    void aDrop_takesTheCaseOut_withItsReason() throws IOException {
        write(overlay, "tests/dropped.yaml", String.join("\n",
                "drop:",
                "  - case: \"a.yaml: A.1 at 3 per 1,000 scores 2\"",
                "    because: \"修订后 600 次检查得 3 分，见本包用例 / 600 checks score 3 here, see the own case\"",
                ""));
        CaseReader.Cases cases = PackSuite.load(overlay).cases();
        assertEquals(2, cases.cases().size());
        assertEquals(List.of(new CaseReader.Dropped("tests/a.yaml #1 A.1 at 3 per 1,000 scores 2 (from mini-toy)",
                "修订后 600 次检查得 3 分，见本包用例 / 600 checks score 3 here, see the own case")), cases.dropped());
    }

    @Test
    void aDropWithoutAReason_isRefused_namingFileLineAndEntry() throws IOException {
        write(overlay, "tests/dropped.yaml", String.join("\n",
                "drop:",
                "  - case: \"a.yaml: A.3 without a plan scores 0\"",
                "    because: \"ok\"",
                "  - case: \"a.yaml: A.1 at 3 per 1,000 scores 2\"",
                ""));
        String message = refusal();
        assertEquals("tests/dropped.yaml:4 drop 第 2 项 entry 2: 去掉继承的用例须写明原因 because: … / dropping an"
                + " inherited case needs a reason, because: …", message);
    }

    @Test
    void anAdjustmentOfACaseThatDoesNotExist_isRefused() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("scores 2\"", "scores two\""));
        String message = refusal();
        assertTrue(message.startsWith("tests/a.yaml:2 adjust 第 1 项 entry 1: 继承的用例中没有「tests/a.yaml: A.1 at 3"
                + " per 1,000 scores two」"), message);
        assertTrue(message.contains("/ there is no inherited case \"tests/a.yaml: A.1 at 3 per 1,000 scores two\""),
                message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void anAdjustmentThatChangesNothing_isRefused() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("score: 3 } }, totalScore: 19", "score: 3 } }, totalScore: 18.0"));
        String message = refusal();
        assertTrue(message.contains("expect.totalScore = 18") && message.contains("the adjustment changes nothing"),
                message);
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("{ indicators: { A.1: { score: 3 } }, totalScore: 19 }", "{}"));
        assertTrue(refusal().contains("or it changes nothing"));
        // an empty map merged into an inherited one changes nothing either
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("{ indicators: { A.1: { score: 3 } }, totalScore: 19 }",
                "{ indicators: { A.1: {} } }"));
        assertTrue(refusal().contains("expect.indicators.A.1 {}"));
        // a figure written as another decimal of the same value changes nothing
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("score: 3 } }, totalScore: 19", "score: 2.00 } }"));
        assertTrue(refusal().contains("expect.indicators.A.1.score = 2"));
    }

    @Test
    void aMisspeltFieldInsideAnAdjustment_isRefused() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("score: 3", "scroe: 3"));
        String message = refusal();
        assertTrue(message.startsWith("tests/a.yaml:2 adjust 第 1 项 entry 1「tests/a.yaml: A.1 at 3 per 1,000 scores 2」: "),
                message);
        assertTrue(message.contains("did you mean score?"), message);
        write(overlay, "tests/a.yaml", ADJUST_SECOND.replace("expect:", "expcet:"));
        assertTrue(refusal().contains("no field expcet; did you mean expect?"));
    }

    @Test
    void oneCaseAdjustedAndDropped_orAdjustedTwice_isRefused() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND + String.join("\n",
                "drop:",
                "  - { case: \"a.yaml: A.1 at 3 per 1,000 scores 2\", because: \"twice\" }",
                ""));
        assertTrue(refusal().contains("is already adjusted at tests/a.yaml:2 adjust"));
    }

    @Test
    void adjustOrDropNotWrittenAsAList_isRefused() throws IOException {
        write(overlay, "tests/a.yaml", "drop: { case: \"a.yaml: A.3 without a plan scores 0\", because: \"x\" }\n");
        assertEquals("tests/a.yaml: drop 应为列表 [ … ]，每项 { case: \"文件: 用例名\", … } / drop should be a list [ … ] of"
                + " { case: \"file: case name\", … }", refusal());
    }

    @Test
    void aPackThatExtendsNone_cannotAdjust() throws IOException {
        write(tmp.resolve("mini-toy"), "tests/b.yaml", ADJUST_SECOND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackSuite.load(tmp.resolve("mini-toy")));
        assertTrue(e.getMessage().contains("adjust is for a pack that extends another"), e.getMessage());
    }

    @Test
    void anOverlayOfAnOverlay_inheritsBothLevels_andTheNearestBaseCounty() throws IOException {
        write(overlay, "tests/a.yaml", ADJUST_SECOND);
        write(overlay, "tests/revised.yaml", String.join("\n",
                "cases:",
                "  - name: \"A.1 at 4 per 1,000 scores 3\"",
                "    evidence: { a.checks: 800 }",
                "    expect: { indicators: { A.1: { score: 3, status: PARTIAL } } }",
                ""));
        // the middle pack's base county names another county: the top pack's cases are built on it
        write(overlay, "tests/base-county.json", MiniPack.json(MiniPack.base()).replace("测试县", "修订县"));
        Path top = overlay("mini-twice", "mini-revised");
        write(top, "tests/a.yaml", String.join("\n",
                "adjust:",
                "  - case: \"a.yaml: A.1 at 3 per 1,000 scores 2\"",
                "    expect: { verdict: EXCELLENT }   # 19 ≥ 19, key items at their floor or above: an added expectation",
                ""));
        PackSuite suite = PackSuite.load(top);
        CaseReader.Cases cases = suite.cases();
        assertEquals(List.of(
                "tests/a.yaml (from mini-toy) #0 A.1 at 5 per 1,000 scores 4",
                "tests/a.yaml (from mini-toy, adjusted) #1 A.1 at 3 per 1,000 scores 2",
                "tests/a.yaml (from mini-toy) #2 A.3 without a plan scores 0",
                "tests/revised.yaml (from mini-revised) #0 A.1 at 4 per 1,000 scores 3"),
                cases.cases().stream().map(PackCase::label).toList());
        assertEquals(List.of("mini-revised", "mini-toy"), suite.pack().standard().bases().stream()
                .map(b -> b.id()).toList());
        assertEquals(List.of(4, 0, 1), List.of(cases.inherited(), cases.own(), cases.adjusted()));
        assertTrue(cases.cases().stream().allMatch(c -> c.submission().path("county").path("name").asText()
                .equals("修订县") && c.submission().path("assessment").path("standard").asText().equals("mini-twice")));
        // both levels' adjustments hold: the middle pack's figures, the top pack's added verdict
        PackCase twice = cases.cases().get(1);
        assertEquals(19, twice.expect().path("totalScore").asInt());
        assertEquals("EXCELLENT", twice.expect().path("verdict").asText());
        assertEquals(List.of(), failures(suite));
    }

    private String refusal() {
        return assertThrows(IllegalArgumentException.class, () -> PackSuite.load(overlay)).getMessage();
    }

    private static List<CaseResult> failures(PackSuite suite) {
        return suite.results().stream().filter(r -> !r.passed()).toList();
    }

    private Path overlay(String id, String base) throws IOException {
        Path dir = tmp.resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), "id: " + id + "\nversion: 0.1.0\nextends: { id: " + base + " }\n");
        return dir;
    }

    private static void write(Path pack, String path, String text) throws IOException {
        Files.createDirectories(pack.resolve(path).getParent());
        Files.writeString(pack.resolve(path), text);
    }
}
