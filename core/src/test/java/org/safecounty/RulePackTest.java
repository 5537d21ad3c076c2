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
import org.safecounty.validation.Problem;

/** Loading a pack from a folder, and every problem a broken pack reports (file and line). */
class RulePackTest {

    @TempDir
    Path tmp;

    private Path copy() {
        return MiniPack.copyTo(tmp.resolve("pack"));
    }

    private static void edit(Path file, String from, String to) throws IOException {
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
        Files.writeString(dir.resolve("rules/extra.drl"),
                ruleFileWithLine9("    // params.number(\"no.such\") and $i.value(\"no.key\")"));
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
