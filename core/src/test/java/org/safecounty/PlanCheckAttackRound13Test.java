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
import org.safecounty.result.Problem;

/**
 * Round 13 of attacks on "a broken pack never loads": the plan check must read the rules as the
 * engine does, not as lines of text. A comment that mentions an item, a group or a verdict is not a
 * rule; an item named other than {@code id == "…"} is still scored; a verdict decided through a
 * local variable or with a space before the bracket is still decided.
 */
class PlanCheckAttackRound13Test {

    @TempDir
    Path tmp;

    private Path copy() {
        return MiniPack.copyTo(tmp.resolve("pack"));
    }

    private static void edit(Path file, String from, String to) throws IOException {
        RulePackTest.edit(file, from, to);
    }

    /** An extra rule file: line 8 opens the rule with {@code head}, line 9 is its consequence. */
    private static String extra(String head, String consequence) {
        return String.join("\n",
                "// extra rule for a test",                      // 1
                "package mini.toy",                               // 2
                "",                                               // 3
                "import org.safecounty.facts.Indicator;",         // 4
                "import org.safecounty.facts.Tally;",             // 5
                "global org.safecounty.facts.Parameters params;", // 6
                "",                                               // 7
                head,                                             // 8
                consequence,                                      // 9
                "end",                                            // 10
                "");
    }

    private static final String AWARD = "    $i.award( $i.when( $i.flag(\"a.plan\"), 1 ) );";

    private static List<String> pathsAndCodes(Path dir) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(dir),
                "the broken pack loaded");
        for (Problem p : e.problems()) {
            assertFalse(p.zh().isBlank() || p.en().isBlank(), p::toString);
        }
        return e.problems().stream().map(p -> p.path() + " " + p.code()).toList();
    }

    private static Problem only(Path dir, String pathAndCode) {
        assertEquals(List.of(pathAndCode), pathsAndCodes(dir));
        return assertThrows(RulePackException.class, () -> RulePack.load(dir)).problems().get(0);
    }

    // ------------------------------------------------------------------ an item scored out of the check's sight

    @Test
    void aSecondRuleForAnItem_namingItTheOtherWayRound_isRefused() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                extra("rule \"probe\" when $i : Indicator( \"A.1\" == id ) then", AWARD));
        Problem p = only(dir, "rules/extra.drl:8 ITEM_NOT_NAMED");
        assertTrue(p.zh().contains("id == \"") && p.en().contains("id == \""), p::toString);
    }

    @Test
    void aRuleOverEveryIndicatorOfATask_orOverTwoItems_isRefused() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"),
                extra("rule \"probe\" when $i : Indicator( task == \"A\" ) then", AWARD));
        assertEquals(List.of("rules/extra.drl:8 ITEM_NOT_NAMED"), pathsAndCodes(dir));
        Files.writeString(dir.resolve("rules/extra.drl"),
                extra("rule \"probe\" when $i : Indicator( id == \"A.1\" || id == \"A.2\" ) then", AWARD));
        assertEquals(List.of("rules/extra.drl:8 ITEM_NOT_NAMED"), pathsAndCodes(dir));
    }

    @Test
    void anActivationGroupInAComment_doesNotLetASecondRuleIn() throws IOException {
        for (String head : List.of("rule \"probe\" /* activation-group \"A.1\" */ when $i : Indicator( id == \"A.1\" ) then",
                "rule \"probe\" // activation-group \"A.1\"\n when $i : Indicator( id == \"A.1\" ) then")) {
            Path dir = MiniPack.copyTo(tmp.resolve("pack" + head.length()));
            edit(dir.resolve("rules/task-a.drl"), "rule \"A.1* checks per 1000 residents\"\n",
                    "rule \"A.1* checks per 1000 residents\"\n    activation-group \"A.1\"\n");
            Files.writeString(dir.resolve("rules/extra.drl"), extra(head, AWARD));
            assertEquals(List.of("pack.yaml:26 SEVERAL_RULES"), pathsAndCodes(dir), head);
        }
    }

    @Test
    void oneActivationGroupOverTwoItems_isRefused_forOnlyOneOfThemWouldBeScored() throws IOException {
        Path dir = copy();
        edit(dir.resolve("rules/task-a.drl"), "rule \"A.1* checks per 1000 residents\"\n",
                "rule \"A.1* checks per 1000 residents\"\n    activation-group \"A\"\n");
        edit(dir.resolve("rules/task-a.drl"), "rule \"A.2 hours\"\n", "rule \"A.2 hours\"\n    activation-group \"A\"\n");
        Problem p = only(dir, "rules/task-a.drl:12 GROUP_SPANS_ITEMS");
        assertTrue(p.en().contains("(A.1, A.2)"), p::toString);
    }

    @Test
    void anItemNamedOnlyInAComment_isStillUnscored() throws IOException {
        Path dir = copy();
        String taskA = Files.readString(dir.resolve("rules/task-a.drl"));
        edit(dir.resolve("rules/task-a.drl"), taskA.substring(taskA.indexOf("rule \"A.3 plan\"")), "");
        edit(dir.resolve("rules/task-a.drl"), "    $i.award( $i.stepped( checks, params.bands(\"A.1.bands\") ) );",
                "    $i.award( $i.stepped( checks, params.bands(\"A.1.bands\") ) ); // was $i : Indicator( id == \"A.3\" )\n"
                        + "    /* A.3 now: $i : Indicator( id == \"A.3\" ) */");
        assertTrue(pathsAndCodes(dir).contains("pack.yaml:28 NO_RULE"), pathsAndCodes(dir)::toString);
    }

    // ------------------------------------------------------------------ a parameter or key out of the check's sight

    /** The A.3 rule's consequence (line 30 of task-a.drl) written otherwise; the rest of the pack unchanged. */
    private static final String A3 = "    $i.award( $i.when( $i.flag(\"a.plan\"), params.number(\"A.3.points\") ) );";

    @Test
    void aParameterOrKeyCalledWithSpaces_isChecked() throws IOException {
        Path dir = copy();
        edit(dir.resolve("rules/task-a.drl"), A3,
                "    $i.award( $i.when( $i.flag (\"a.nope\"), params.number ( \"A.3.nope\" ) ) );");
        assertEquals(List.of("rules/task-a.drl:30 UNKNOWN_PARAMETER", "rules/task-a.drl:30 UNKNOWN_KEY"),
                pathsAndCodes(dir));
    }

    @Test
    void aKeyReadInACondition_isChecked() throws IOException {
        Path dir = copy();
        edit(dir.resolve("rules/task-a.drl"), "$i : Indicator( id == \"A.3\" )",
                "$i : Indicator( id == \"A.3\", value(\"a.nope\").below(1) )");
        assertEquals(List.of("rules/task-a.drl:28 UNKNOWN_KEY"), pathsAndCodes(dir));
    }

    @Test
    void aKeyHeldInAVariable_isRefused() throws IOException {
        Path dir = copy();
        edit(dir.resolve("rules/task-a.drl"), A3,
                "    String k = \"a.nope\"; $i.award( $i.when( $i.flag( k ), params.number(\"A.3.points\") ) );");
        Problem p = only(dir, "rules/task-a.drl:30 UNKNOWN_KEY");
        assertTrue(p.en().contains("written out"), p::toString);
    }

    // ------------------------------------------------------------------ a verdict decided out of the check's sight

    @Test
    void aVerdictDecidedThroughALocalVariable_isRefused() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"), extra(
                "rule \"probe\" activation-group \"verdict\" salience 50 when $t : Tally( total > 1000 ) then",
                "    String level = \"BOGUS\"; $t.decide( level );"));
        Problem p = only(dir, "rules/extra.drl:9 UNKNOWN_VERDICT");
        assertTrue(p.en().contains("written out, e.g. $t.decide( \"EXCELLENT\" )"), p::toString);
    }

    @Test
    void aVerdictDecidedWithASpaceBeforeTheBracket_isChecked() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("rules/extra.drl"), extra(
                "rule \"probe\" activation-group \"verdict\" salience 50 when $t : Tally( total > 1000 ) then",
                "    $t.decide (\n \"BOGUS\" );"));
        Problem p = only(dir, "rules/extra.drl:9 UNKNOWN_VERDICT");
        assertTrue(p.en().contains("BOGUS"), p::toString);
    }

    @Test
    void aLevelDecidedOnlyInAComment_isDecidedByNoRule() throws IOException {
        Path dir = copy();
        edit(dir.resolve("rules/verdict.drl"), "    $t.decide( \"EXCELLENT\" );",
                "    $t.decide( \"PASS\" ); // not yet: $t.decide( \"EXCELLENT\" );");
        assertEquals(List.of("pack.yaml:58 NO_RULE"), pathsAndCodes(dir));
    }
}
