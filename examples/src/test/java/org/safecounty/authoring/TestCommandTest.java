package org.safecounty.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.cli.SafecountyCommand;
import picocli.CommandLine;

/** {@code safecounty test DIR}: the pack's own cases, failures with expected and actual, rule coverage. */
class TestCommandTest {

    record Run(int status, String out) {
    }

    static Run test(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        String[] all = new String[args.length + 1];
        all[0] = "test";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString());
    }

    @Test
    void theBundledPackPassesWithEveryRuleCovered() {
        Run run = test("--require-coverage", ValidateCommandTest.PACK.toString());
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().matches("(?s).*rule coverage: (\\d+) / \\1 rules fired.*"), run.out());
        assertTrue(run.out().contains(" passed, 0 failed"), run.out());
    }

    @Test
    void anEditBreakingACaseIsPrintedWithExpectedAndActual(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        ValidateCommandTest.edit(pack.resolve("parameters.yaml"), "- { atLeast: 5, points: 3 }", "- { atLeast: 6, points: 3 }");
        Run run = test(pack.toString());
        assertEquals(1, run.status());
        assertTrue(run.out().contains("✗ tests/t1-organisation.yaml"), run.out());
        assertTrue(run.out().contains("indicator T1.2 score：期望 expected 3，实际 actual 1.5"), run.out());
    }

    @Test
    void aRuleNoTestReachesIsListed(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        Files.writeString(pack.resolve("rules/extra.drl"), String.join("\n",
                "package hebei.fds2014",
                "import org.safecounty.facts.Tally;",
                "rule \"从不触发 never fires\"",
                "    salience -200",
                "when",
                "    $t : Tally( total < 0 )",
                "then",
                "end", ""));
        Run plain = test(pack.toString());
        assertEquals(0, plain.status(), plain.out());
        assertTrue(plain.out().contains("fired in no test: 从不触发 never fires"), plain.out());
        assertEquals(1, test("--require-coverage", pack.toString()).status());
    }

    @Test
    void aMisspeltExpectationFails_itNeverPassesWithoutChecking(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        // the case: every expectation misspelt, so that nothing at all would be compared
        Files.writeString(pack.resolve("tests/misspelt.yaml"), String.join("\n",
                "base: base-county.json",
                "cases:",
                "  - name: \"拼错的期望 misspelt expectations\"",
                "    expect:",
                "      verdcit: FAIL",
                "      totalscore: 3",
                "      indicators:",
                "        T1.1: { scor: 0, stauts: NOT_MET }",
                ""));
        Run run = test(pack.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("verdcit") && run.out().contains("did you mean verdict?"), run.out());
        assertTrue(run.out().contains("totalscore") && run.out().contains("did you mean totalScore?"), run.out());
        assertTrue(run.out().contains("scor") && run.out().contains("did you mean score?"), run.out());
        assertTrue(run.out().contains("stauts") && run.out().contains("did you mean status?"), run.out());
        assertTrue(!run.out().contains("passed, 0 failed"), run.out());
    }

    @Test
    void aValueThatCannotBe_isAnErrorToo(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        Files.writeString(pack.resolve("tests/misspelt.yaml"), String.join("\n",
                "base: base-county.json",
                "cases:",
                "  - name: \"不存在的结论 a verdict that does not exist\"",
                "    expect: { verdict: EXCELENT, indicators: { T1.1: { status: MEET } } }",
                "  - name: \"什么也不检查 expects nothing\"",
                "    evidence: { org.assessment_weight_pct: 4 }",
                ""));
        Run run = test(pack.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("EXCELENT") && run.out().contains("did you mean EXCELLENT?"), run.out());
    }

    @Test
    void evidenceNamedByPosition_isAnError(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        Files.writeString(pack.resolve("tests/position.yaml"), String.join("\n",
                "base: base-county.json",
                "cases:",
                "  - name: \"按位置指证据 evidence by position\"",
                "    addEvidence: [ { id: e-100, key: org.assessment_weight_pct, value: 4, date: \"2014-03-01\", colour: red } ]",
                "    expect: { rejected: [\"evidence[54].colour\"] }",
                ""));
        Run run = test(pack.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("name it by id, e.g. evidence(e-003).value"), run.out());
    }

    @Test
    void anOverlayRunsTheCasesItInherits_andSaysHowItCameByThem() {
        Run run = test("--require-coverage", "../rules/hebei-fds-county-2016");
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().matches("(?s).*本包 own \\d+，继承 inherited \\d+（其中调整 adjusted \\d+），去掉 dropped \\d+，替换 replaced \\d+.*"),
                run.out());
        // every dropped case is listed with its reason
        assertTrue(run.out().contains("去掉 dropped: tests/bonus.yaml #13 五项为真恰得 10 分 / five keys true give exactly 10"
                + " points (from hebei-fds-county-2014) — 2016 年加分上限为 8 分"), run.out());
        assertTrue(run.out().contains(" passed, 0 failed"), run.out());
    }

    @Test
    void anInheritedCaseThatFails_isNamedWithThePackItCameFrom(@TempDir Path dir) throws IOException {
        Path packs = overlayBesideItsBase(dir);
        Files.delete(packs.resolve("hebei-fds-county-2016/tests/rectification.yaml"));
        Run run = test(packs.resolve("hebei-fds-county-2016").toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("✗ tests/rectification.yaml (from hebei-fds-county-2014) #9 同分差距按指标编号"), run.out());
        assertTrue(run.out().contains("totalScore：期望 expected 88，实际 actual 89"), run.out());
    }

    @Test
    void anAdjustmentOfNoInheritedCase_isOneLineNamingFileAndEntry(@TempDir Path dir) throws IOException {
        Path packs = overlayBesideItsBase(dir);
        Files.writeString(packs.resolve("hebei-fds-county-2016/tests/slip.yaml"), String.join("\n",
                "adjust:",
                "  - case: \"t1-organisation.yaml: no such case\"",
                "    expect: { totalScore: 1 }",
                ""));
        Run run = test(packs.resolve("hebei-fds-county-2016").toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("the tests cannot be read: tests/slip.yaml:2 adjust 第 1 项 entry 1: 继承的用例中没有"
                + "「tests/t1-organisation.yaml: no such case」"), run.out());
    }

    /** Copies of the bundled 2014 pack and its 2016 overlay, side by side as they are bundled. */
    private static Path overlayBesideItsBase(Path dir) throws IOException {
        for (String id : java.util.List.of("hebei-fds-county-2014", "hebei-fds-county-2016")) {
            org.safecounty.BundledPackCopy.copy(Path.of("../rules", id), dir.resolve(id));
        }
        return dir;
    }
}
