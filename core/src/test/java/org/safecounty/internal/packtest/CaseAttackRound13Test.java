package org.safecounty.internal.packtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.MiniPack;
import org.safecounty.internal.authoring.PackSuite;

/**
 * Round 13 of attacks on "a pack's tests cannot pass by accident": YAML that hides an expectation,
 * a test file the reader never sees, an expectation that checks nothing, a case written twice, an
 * adjustment that changes nothing. Each is an error with the file (and line where it has one),
 * Chinese first, never a case that passes without checking, nor a stack trace.
 */
class CaseAttackRound13Test {

    @TempDir
    Path tmp;

    private Path base;
    private Path overlay;

    /** A.3 without a plan: A.3 scores 0, total 16. */
    private static final String CASE = String.join("\n",
            "cases:",
            "  - name: \"A.3 without a plan scores 0\"",
            "    evidence: { a.plan: false }",
            "    expect: { indicators: { A.3: { score: 0, status: NOT_MET } }, totalScore: 16, vetoes: [] }",
            "");

    @BeforeEach
    void packs() throws IOException {
        base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        write(base, "tests/base-county.json", MiniPack.json(MiniPack.base()));
        write(base, "tests/a.yaml", CASE);
        overlay = tmp.resolve("mini-revised");
        write(overlay, "pack.yaml", "id: mini-revised\nversion: 0.1.0\nextends: { id: mini-toy }\n");
    }

    // ------------------------------------------------------------------ YAML that hides an expectation

    @Test
    void aKeyWrittenTwice_hidesNoExpectation() throws IOException {
        // the wrong 50 would be dropped silently, the right 16 checked
        write(base, "tests/b.yaml", String.join("\n",
                "cases:",
                "  - name: \"two totals\"",
                "    evidence: { a.plan: false }",
                "    expect: { totalScore: 50, totalScore: 16 }",
                ""));
        String m = refusal(base);
        assertTrue(m.startsWith("tests/b.yaml:4"), m);
        assertTrue(m.contains("键 totalScore 重复") && m.contains("the key totalScore is repeated"), m);
        // a case with two expect: blocks hides the first
        write(base, "tests/b.yaml", String.join("\n",
                "cases:",
                "  - name: \"two expects\"",
                "    evidence: { a.plan: false }",
                "    expect: { totalScore: 50 }",
                "    expect: { vetoes: [] }",
                ""));
        assertTrue(refusal(base).contains("the key expect is repeated"), refusal(base));
    }

    @Test
    void anAlias_isNamedAsSuch_notAsAMissingExpect() throws IOException {
        write(base, "tests/b.yaml", String.join("\n",
                "cases:",
                "  - name: \"anchor\"",
                "    evidence: { a.plan: false }",
                "    expect: &e { totalScore: 16 }",
                "  - name: \"alias\"",
                "    evidence: { a.plan: false }",
                "    expect: *e",
                ""));
        String m = refusal(base);
        assertTrue(m.startsWith("tests/b.yaml:7") && m.contains("YAML aliases (*e) are not supported"), m);
    }

    @Test
    void aYamlSyntaxError_isOnePlainLine_chineseFirst_withItsLine() throws IOException {
        write(base, "tests/b.yaml", String.join("\n",
                "cases:",
                "  - name: \"a\"",
                "    expect: { totalScore: 98 ",
                "  - name: b",
                ""));
        String m = refusal(base);
        assertTrue(m.startsWith("tests/b.yaml:4: YAML 格式错误："), m);
        assertEquals(1, m.lines().count(), m);
        assertFalse(m.contains("\\n"), m);
        write(base, "tests/b.yaml", CASE.replace("totalScore: 16", "totalScore: .nan"));
        assertTrue(refusal(base).contains("expect.totalScore"), refusal(base));
    }

    // ------------------------------------------------------------------ cases the reader never sees

    @Test
    void aTestFileThatIsABareList_orWhoseCasesAreNoList_isRefused() throws IOException {
        write(base, "tests/b.yaml", CASE.substring("cases:\n".length()).replace("\n  ", "\n").strip() + "\n");
        assertTrue(refusal(base).contains("tests/b.yaml"), refusal(base));
        write(base, "tests/b.yaml", "cases:\n  name: \"x\"\n  expect: { totalScore: 16 }\n");
        String m = refusal(base);
        assertTrue(m.startsWith("tests/b.yaml") && m.contains("cases should be a list"), m);
        write(base, "tests/b.yaml", "cases: \"none\"\n");
        assertTrue(refusal(base).contains("cases should be a list"), refusal(base));
        write(base, "tests/b.yaml", "cases:\n  - \"A.3 without a plan\"\n");
        assertTrue(refusal(base).contains("each case should be a mapping"), refusal(base));
    }

    @Test
    void aTestFileEndingInYml_isRefused_notSkipped() throws IOException {
        write(base, "tests/b.yml", CASE.replace("A.3 without", "B: A.3 without"));
        String m = refusal(base);
        assertTrue(m.startsWith("tests/b.yml: ") && m.contains(".yaml"), m);
    }

    // ------------------------------------------------------------------ expectations that check nothing

    @Test
    void anEmptyMapOfTasksIndicatorsOrBonus_orAnEmptyRejectedList_isRefused() throws IOException {
        for (String empty : new String[] {"tasks: {}", "indicators: {}", "bonus: {}", "rejected: []"}) {
            write(base, "tests/a.yaml", CASE.replace(
                    "{ indicators: { A.3: { score: 0, status: NOT_MET } }, totalScore: 16, vetoes: [] }",
                    "{ " + empty + " }"));
            String m = refusal(base);
            assertTrue(m.startsWith("tests/a.yaml 用例 case 1") && m.contains("it would check nothing"), empty + ": " + m);
        }
    }

    @Test
    void twoCasesOfOneNameInOneFile_areRefused() throws IOException {
        // a case written twice would count twice toward the least number of cases
        write(base, "tests/a.yaml", CASE + CASE.substring("cases:\n".length()));
        String m = refusal(base);
        assertTrue(m.startsWith("tests/a.yaml 用例 case 2「A.3 without a plan scores 0」") && m.contains("case 1"), m);
    }

    // ------------------------------------------------------------------ adjustments that change nothing

    @Test
    void anAdjustmentThatOnlyReordersOrRepeatsAVeto_orAddsAnEmptyMap_changesNothing() throws IOException {
        write(base, "tests/a.yaml", CASE.replace("vetoes: []", "vetoes: [W1, W2]"));
        for (String change : new String[] {"vetoes: [W2, W1]", "vetoes: [W1, W2, W1]", "tasks: {}"}) {
            write(overlay, "tests/a.yaml", String.join("\n",
                    "adjust:",
                    "  - case: \"a.yaml: A.3 without a plan scores 0\"",
                    "    expect: { " + change + " }",
                    ""));
            String m = refusal(overlay);
            assertTrue(m.startsWith("tests/a.yaml:2 adjust 第 1 项 entry 1") && m.contains("changes nothing")
                    || m.contains("it would check nothing"), change + ": " + m);
        }
    }

    @Test
    void anAdjustmentThatLeavesOutARejectedPath_isRefused() throws IOException {
        // rejected paths must each be named: a shorter list checks less, which an adjustment may not
        write(base, "tests/a.yaml", String.join("\n",
                "cases:",
                "  - name: \"done above total is rejected\"",
                "    evidence: { b.done: 900 }",
                "    expect: { rejected: [\"evidence(b-done).value\", \"evidence(b-total).value\"] }",
                ""));
        write(overlay, "tests/a.yaml", String.join("\n",
                "adjust:",
                "  - case: \"a.yaml: done above total is rejected\"",
                "    expect: { rejected: [\"evidence(b-done).value\"] }",
                ""));
        String m = refusal(overlay);
        assertTrue(m.startsWith("tests/a.yaml:2 adjust 第 1 项 entry 1") && m.contains("[evidence(b-total).value]")
                && m.contains("an adjustment cannot take an expectation out"), m);
    }

    private static String refusal(Path pack) {
        return assertThrows(IllegalArgumentException.class, () -> PackSuite.load(pack)).getMessage();
    }

    private static void write(Path pack, String path, String text) throws IOException {
        Files.createDirectories(pack.resolve(path).getParent());
        Files.writeString(pack.resolve(path), text);
    }
}
