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
}
