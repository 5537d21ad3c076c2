package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/** Loading a pack from a folder, and every problem a broken pack reports (file and line). */
class RulePackTest {

    @TempDir
    Path tmp;

    private Path copy() {
        return MiniPack.copyTo(tmp.resolve("pack"));
    }

    /** Replaces {@code from} by {@code to} in a file that must hold it (also for the other tests of loading). */
    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " has no " + from);
        }
        Files.writeString(file, text.replace(from, to));
    }

    private static List<Problem> problemsOf(Path dir) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(dir));
        for (Problem p : e.problems()) {
            assertFalse(p.zh().isBlank() || p.en().isBlank(), p::toString);
            assertTrue(e.getMessage().contains(p.toString()), "the message lists " + p);
        }
        return e.problems();
    }

    private static List<String> pathsAndCodes(Path dir) {
        return problemsOf(dir).stream().map(p -> p.path() + " " + p.code()).toList();
    }

    /** A rule file whose line 9 is {@code line}, the rest valid DRL. */
    private static String ruleFileWithLine9(String line) {
        return String.join("\n",
                "// extra rule for a test",                      // 1
                "package mini.toy",                               // 2
                "",                                               // 3
                "import org.safecounty.facts.Indicator;",         // 4
                "import org.safecounty.facts.Reading;",           // 5
                "global org.safecounty.facts.Parameters params;", // 6
                "",                                               // 7
                "rule \"probe\" when $i : Indicator( id == \"none\" ) then", // 8
                line,                                             // 9
                "end",                                            // 10
                "");
    }

    @Test
    void load_miniPack_givesItsIdentity() {
        RulePack pack = RulePack.load(MiniPack.dir());
        assertEquals("mini-toy", pack.id());
        assertEquals("0.1.0", pack.version());
        assertEquals("mini-toy", pack.standard().id());
        assertEquals("0.1.0", pack.standard().version());
        assertEquals(MiniPack.dir().toAbsolutePath().normalize().toString(), pack.origin());
        assertEquals(5, pack.catalogue().indicators().count());
    }

    @Test
    void load_drlSyntaxError_reportedAsFileAndLine() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/x.drl"), String.join("\n",
                "package mini.toy",                       // 1
                "",                                       // 2
                "import org.safecounty.facts.Indicator;", // 3
                "",                                       // 4
                "rule \"broken\"",                        // 5
                "when",                                   // 6
                "    $i : Indicator( id == )",            // 7: nothing after ==
                "then",                                   // 8
                "end",                                    // 9
                ""));
        List<Problem> problems = problemsOf(dir);
        assertTrue(problems.stream().anyMatch(p -> p.path().equals("rules/x.drl:7") && p.code().equals("RULE_COMPILE")),
                problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.path().startsWith("rules/x.drl")), problems.toString());
    }

    @Test
    void load_unknownParameterInRule_reportedWithFileAndLine() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    $i.award( params.number(\"no.such.parameter\") );"));
        assertEquals(List.of("rules/extra.drl:9 UNKNOWN_PARAMETER"), pathsAndCodes(dir));
    }

    @Test
    void load_unknownParameterInExistingRule_reportedWithFileAndLine() throws IOException {
        // task-a.drl line 23: $i.award( $i.proportional( $i.value("a.hours"), params.number("A.2.points"), …
        Path dir = copy();
        Path file = dir.resolve("rules/task-a.drl");
        assertTrue(Files.readAllLines(file).get(22).contains("params.number(\"A.2.points\")"));
        edit(file, "params.number(\"A.2.points\")", "params.number(\"A.2.pts\")");
        assertEquals(List.of("rules/task-a.drl:23 UNKNOWN_PARAMETER"), pathsAndCodes(dir));
    }

    @Test
    void load_unknownKeyInRule_reportedWithFileAndLine() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    Reading probe = $i.value(\"a.nothing\");"));
        List<Problem> problems = problemsOf(dir);
        assertEquals(List.of("rules/extra.drl:9 UNKNOWN_KEY"), problems.stream().map(p -> p.path() + " " + p.code()).toList());
        assertTrue(problems.get(0).en().contains("a.nothing"), problems.get(0).en());
    }

    @Test
    void load_unknownFlagKeyInRule_reportedWithFileAndLine() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    Reading probe = $i.flag( \"a.nope\" );"));
        assertEquals(List.of("rules/extra.drl:9 UNKNOWN_KEY"), pathsAndCodes(dir));
    }

    @Test
    void load_parameterOfWrongKindInRule_reportedWithFileAndLine() throws IOException {
        // A.1.bands holds bands, not a number
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    $i.award( params.number(\"A.1.bands\") );"));
        assertEquals(List.of("rules/extra.drl:9 PARAMETER_KIND"), pathsAndCodes(dir));
    }

    @Test
    void load_textsReadAsBands_isWrongKind() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    $i.award( $i.stepped( $i.value(\"a.checks\"), params.bands(\"W1.levels\") ) );"));
        assertEquals(List.of("rules/extra.drl:9 PARAMETER_KIND"), pathsAndCodes(dir));
    }

    @Test
    void load_unknownNamesInCommentLine_areIgnored() throws IOException {
        Path dir = copy();
        // the probe matches the tally, not an item the catalogue lacks: the plan stays whole and the pack loads
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    // params.number(\"no.such\") and $i.value(\"no.key\")")
                        .replace("import org.safecounty.facts.Indicator;", "import org.safecounty.facts.Tally;")
                        .replace("$i : Indicator( id == \"none\" )", "$t : Tally()"));
        assertEquals("mini-toy", RulePack.load(dir).id());
    }

    @Test
    void load_countingParameterOfWrongKind_namesItsYamlPath() throws IOException {
        Path dir = copy();
        edit(dir.resolve("pack.yaml"), "incidentMonthsBack: window.incident_months", "incidentMonthsBack: W1.levels");
        assertEquals(List.of("pack.yaml:14: counting.incidentMonthsBack PACK_CATALOGUE"), pathsAndCodes(dir));
    }

    @Test
    void load_unknownFieldInPackYaml_namesItsYamlPath() throws IOException {
        Path dir = copy();
        edit(dir.resolve("pack.yaml"), "- { id: X1, zh:", "- { id: X1, points: 2, zh:");
        assertEquals(List.of("pack.yaml:38: bonus[0].points PACK_CATALOGUE"), pathsAndCodes(dir));
    }

    @Test
    void load_missingPackYaml_isPackFileMissing() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("pack.yaml"));
        assertEquals(List.of("pack.yaml PACK_FILE_MISSING"), pathsAndCodes(dir));
    }

    @Test
    void load_noRuleFiles_isPackNoRules() throws IOException {
        Path dir = copy();
        try (var files = Files.list(dir.resolve("rules"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        assertEquals(List.of("rules/ PACK_NO_RULES"), pathsAndCodes(dir));
    }

    @Test
    void load_folderDoesNotExist_isPackUnreadable() {
        Path dir = tmp.resolve("nothing-here");
        List<Problem> problems = problemsOf(dir);
        assertEquals(1, problems.size());
        assertEquals("PACK_UNREADABLE", problems.get(0).code());
    }

    @Test
    void load_severalProblems_exceptionCarriesThemAll() throws IOException {
        Path dir = copy();
        edit(dir.resolve("pack.yaml"), "decimals: 2", "decimals: 2\nprecision: 3");
        edit(dir.resolve("parameters.yaml"), "- { atLeast: 3, points: 2 }", "- { atLeast: 3, points: 2, note: x }");
        Files.writeString(dir.resolve("rules/extra.drl"), ruleFileWithLine9(
                "    $i.award( $i.stepped( $i.value(\"k.none\"), params.bands(\"nope\") ) );"));
        assertEquals(List.of(
                "parameters.yaml:25: A.1.bands.bands[1].note PACK_CATALOGUE",
                "pack.yaml:8: precision PACK_CATALOGUE",
                "rules/extra.drl:9 UNKNOWN_PARAMETER",
                "rules/extra.drl:9 UNKNOWN_KEY"), pathsAndCodes(dir));
    }

    // ------------------------------------------------------------------ the plan, checked at load

    @Test
    void load_ruleDeleted_isRefusedNamingTheItemItLeavesUnscored() throws IOException {
        Path dir = copy();
        String taskA = Files.readString(dir.resolve("rules/task-a.drl"));
        edit(dir.resolve("rules/task-a.drl"), taskA.substring(taskA.indexOf("rule \"A.3 plan\"")), "");
        Problem p = onlyProblem(dir, "pack.yaml:28 NO_RULE");
        assertTrue(p.zh().startsWith("A.3 在目录中，但没有规则计算它；请在 rules/ 中为它写一条规则"), p::toString);
        assertTrue(p.en().contains("write a rule for it in rules/"), p::toString);
    }

    @Test
    void load_secondRuleForAnItem_isRefused() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"), ruleFileWithLine9(AWARD).replace("id == \"none\"", "id == \"A.1\""));
        Problem p = onlyProblem(dir, "pack.yaml:26 SEVERAL_RULES");
        assertTrue(p.en().contains("probe, A.1* checks per 1000 residents"), p::toString);
    }

    @Test
    void load_rulesOfOneActivationGroup_mayShareAnItem() throws IOException {
        // only one rule of a group fires: A.1 is scored once, by the first whose condition holds
        Path dir = copy();
        edit(dir.resolve("rules/task-a.drl"), "rule \"A.1* checks per 1000 residents\"\n",
                "rule \"A.1* checks per 1000 residents\"\n    activation-group \"A.1\"\n");
        Files.writeString(dir.resolve("rules/extra.drl"), ruleFileWithLine9(AWARD)
                .replace("rule \"probe\" when $i : Indicator( id == \"none\" )",
                        "rule \"probe\" activation-group \"A.1\" salience 10 when $i : Indicator( id == \"A.1\", value(\"a.checks\").below(1) )"));
        RulePack pack = RulePack.load(dir);
        assertEquals(List.of(), pack.warnings());
        assertEquals(MiniPack.assess(MiniPack.base()).totalScore(), Assessor.of(pack).assess(MiniPack.json(MiniPack.base()))
                instanceof Outcome.Assessed a ? a.result().totalScore() : null);
    }

    @Test
    void load_ruleForAnItemNotInTheCatalogue_isRefusedAtItsLine() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"), ruleFileWithLine9(AWARD));
        Problem p = onlyProblem(dir, "rules/extra.drl:8 UNKNOWN_ITEM");
        assertTrue(p.zh().contains("请改为目录中的编号，或在 pack.yaml 中加入 none"), p::toString);
    }

    @Test
    void load_indicatorsNotAddingUpToTheirTask_isRefusedAtTheTask() throws IOException {
        Path dir = copy();
        edit(dir.resolve("pack.yaml"), "- { id: A.2, max: 3,", "- { id: A.2, max: 2,");
        edit(dir.resolve("parameters.yaml"), "full points for hours, ref: \"A.2\", value: 3", "full points for hours, ref: \"A.2\", value: 2");
        Problem p = onlyProblem(dir, "pack.yaml:21 TASK_SUM");
        assertTrue(p.zh().startsWith("任务 A 的指标分值合计 10，与任务满分 11 不符；请"), p::toString);
    }

    @Test
    void load_unusedParameter_loadsAndWarns() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("parameters.yaml"), Files.readString(dir.resolve("parameters.yaml"))
                + "Z.unused: { zh: 无用, en: unused, ref: x, value: 1 }\n");
        int line = Files.readAllLines(dir.resolve("parameters.yaml")).size();
        RulePack pack = RulePack.load(dir);
        assertEquals(List.of("parameters.yaml:" + line + " UNUSED_PARAMETER"),
                pack.warnings().stream().map(p -> p.path() + " " + p.code()).toList());
        assertTrue(pack.warnings().get(0).zh().contains("请删去它"), pack.warnings()::toString);
    }

    /** A line 9 that scores whatever the probe matches. */
    private static final String AWARD = "    $i.award( $i.when( $i.flag(\"a.plan\"), 1 ) );";

    /** The one problem that refuses the pack, which must be at {@code pathAndCode} ({@code path code}). */
    private static Problem onlyProblem(Path dir, String pathAndCode) {
        List<Problem> problems = problemsOf(dir);
        assertEquals(List.of(pathAndCode), problems.stream().map(p -> p.path() + " " + p.code()).toList());
        return problems.get(0);
    }

    @Test
    void load_sameFolderTwice_sameStandardRef() {
        assertEquals(RulePack.load(MiniPack.dir()).standard(), RulePack.load(MiniPack.dir()).standard());
    }

    @Test
    void bundled_unknownId_isEmpty() {
        assertTrue(RulePack.bundled("no-such-pack").isEmpty());
        assertTrue(RulePack.bundled("../etc").isEmpty());
    }
}
