package org.safecounty.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** {@code safecounty validate DIR}: each mistake a policy editor can make, reported with file and line. */
class ValidateCommandTest {

    static final Path PACK = Path.of("../rules/hebei-fds-county-2014");

    record Run(int status, String out) {
    }

    static Run validate(Path pack) {
        StringWriter out = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        return new Run(cli.execute("validate", pack.toString()), out.toString());
    }

    @Test
    void theBundledPackIsClean() {
        Run run = validate(PACK);
        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("the pack is clean"), run.out());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        // the rule T1.2 loses its "end" (t1-organisation.drl, the rule starting on line 20)
        edit(pack.resolve("rules/t1-organisation.drl"),
                "params.bands(\"T1.2.bands\") ) );\nend", "params.bands(\"T1.2.bands\") ) );\n");
        Run run = validate(pack);
        assertEquals(64, run.status(), "a pack with problems is a usage error");
        assertTrue(run.out().matches("(?s).*rules/t1-organisation\\.drl:\\d+: 规则编译错误.*"), run.out());
    }

    @Test
    void anUnknownKeyIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        edit(pack.resolve("rules/t5-emergency.drl"), "$i.value(\"emg.drills\")", "$i.value(\"emg.drill\")");
        Run run = validate(pack);
        assertEquals(64, run.status(), "a pack with problems is a usage error");
        assertTrue(run.out().contains("rules/t5-emergency.drl:22: 证据键目录中没有 emg.drill"), run.out());
    }

    @Test
    void anOrphanIndicatorIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        // a new T1.5 in the catalogue (T1 raised to 13 and the base to 101 so the sums still agree), no rule
        edit(pack.resolve("pack.yaml"), "baseMax: 100", "baseMax: 101");
        edit(pack.resolve("pack.yaml"), "    en: Organisation and management\n    max: 12",
                "    en: Organisation and management\n    max: 13");
        edit(pack.resolve("pack.yaml"), "      - { id: T1.4, max: 3, zh: 村级协管员, en: Village coordinators }",
                "      - { id: T1.4, max: 3, zh: 村级协管员, en: Village coordinators }\n"
                        + "      - { id: T1.5, max: 1, zh: 新指标, en: A new indicator }");
        Run run = validate(pack);
        assertEquals(64, run.status(), "a pack with problems is a usage error");
        int line = lineOf(pack.resolve("pack.yaml"), "id: T1.5");
        assertTrue(run.out().contains("pack.yaml:" + line + ": T1.5 在目录中，但没有规则计算它"), run.out());
    }

    @Test
    void taskPointsNotAddingUpAreReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        edit(pack.resolve("pack.yaml"), "- { id: T1.1, max: 3,", "- { id: T1.1, max: 4,");
        Run run = validate(pack);
        assertEquals(64, run.status(), "a pack with problems is a usage error");
        int line = lineOf(pack.resolve("pack.yaml"), "- id: T1");
        assertTrue(run.out().contains("pack.yaml:" + line + ": 任务 T1 的指标分值合计 13，与任务满分 12 不符"), run.out());
    }

    @Test
    void anUnusedParameterAndARuleForAnUnknownIndicatorAreReported(@TempDir Path dir) throws IOException {
        Path pack = copy(dir);
        Files.writeString(pack.resolve("parameters.yaml"), Files.readString(pack.resolve("parameters.yaml"))
                + "\nT9.9.points:\n  zh: 无用\n  en: unused\n  ref: none\n  value: 1\n");
        edit(pack.resolve("rules/t6-industry.drl"), "Indicator( id == \"T6.3\" )", "Indicator( id == \"T6.9\" )");
        Run run = validate(pack);
        assertEquals(64, run.status(), "a pack with problems is a usage error");
        int line = lineOf(pack.resolve("parameters.yaml"), "T9.9.points:");
        assertTrue(run.out().matches("(?s).*rules/t6-industry\\.drl:\\d+: 规则 \"T6\\.3 [^\"]*\" 计算的 T6\\.9 不在目录.*"), run.out());
        assertTrue(run.out().contains("T6.3 在目录中，但没有规则计算它"), run.out());
        // the plan's errors refuse the pack at load: what the plan check only warns of waits until they are fixed
        assertTrue(run.out().startsWith("规则包有 2 个问题 / the pack has 2 problem(s):"), run.out());
        assertFalse(run.out().contains("T9.9.points"), run.out());
        // the rule fixed, the pack loads, and the unused parameter is listed as a warning
        edit(pack.resolve("rules/t6-industry.drl"), "Indicator( id == \"T6.9\" )", "Indicator( id == \"T6.3\" )");
        Run fixed = validate(pack);
        assertEquals(64, fixed.status(), "0 only when clean: a pack with a warning is not followed either");
        assertTrue(fixed.out().startsWith("规则包可以加载，但有 1 个警告 / the pack loads, with 1 warning(s):"), fixed.out());
        assertTrue(fixed.out().contains("parameters.yaml:" + line + ": 参数 T9.9.points 没有被任何规则使用"), fixed.out());
    }

    static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " contains " + from);
        Files.writeString(file, text.replace(from, to));
    }

    static Path copy(Path dir) throws IOException {
        return org.safecounty.BundledPackCopy.into(dir);
    }
}
