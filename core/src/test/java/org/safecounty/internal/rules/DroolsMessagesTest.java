package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * The mistakes policy staff make in a rule file, each caught before Drools compiles it (by
 * {@link RuleVerifier}) and put in words they can act on, with the line of the mistake. The mini pack's rule "A.3 plan" starts on line 26 of rules/task-a.drl; its consequence
 * is line 30.
 */
class DroolsMessagesTest {

    static final String A3 = "    $i.award( $i.when( $i.flag(\"a.plan\"), params.number(\"A.3.points\") ) );";

    static Problem problem(String from, String to) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        String drl = new String(files.get("rules/task-a.drl"), StandardCharsets.UTF_8);
        assertTrue(drl.contains(from));
        files.put("rules/task-a.drl", drl.replace(from, to).getBytes(StandardCharsets.UTF_8));
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(PackFiles.of("mini", files)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void missingParenthesis_saysWhatIsMissing() throws IOException {
        Problem p = problem(A3, A3.replace(") );", ") ;"));
        assertEquals("rules/task-a.drl:30", p.path());
        assertTrue(p.zh().startsWith("语法错误：缺少“)”"), p.zh());
        assertTrue(p.en().startsWith("syntax error: \")\" is missing"), p.en());
    }

    @Test
    void unknownMethod_namesItAndTheLineItIsOn() throws IOException {
        Problem p = problem(A3, A3.replace("$i.when(", "$i.whn("));
        assertEquals("rules/task-a.drl:30", p.path());
        assertTrue(p.zh().startsWith("Indicator 没有方法 whn：请检查拼写"), p.zh());
    }

    @Test
    void unknownField_namesTheField() throws IOException {
        Problem p = problem("Indicator( id == \"A.3\" )", "Indicator( idd == \"A.3\" )");
        assertEquals("rules/task-a.drl:28", p.path());
        assertTrue(p.zh().startsWith("Indicator 没有字段 idd"), p.zh());
    }

    @Test
    void wrongType_explainsPointsAndReadings() throws IOException {
        Problem p = problem(A3, "    Reading r = $i.when( $i.flag(\"a.plan\"), params.number(\"A.3.points\") );");
        assertTrue(p.zh().startsWith("类型不符：BigDecimal 不能当作 Reading 使用"), p.zh());
        assertEquals("rules/task-a.drl:30", p.path());
        assertTrue(p.en().startsWith("wrong type: a BigDecimal cannot be used as a Reading"), p.en());
    }

    @Test
    void unknownVariable_pointsAtTheDollarConvention() throws IOException {
        Problem p = problem(A3, A3.replace("$i.award(", "$j.award("));
        assertEquals("rules/task-a.drl:30", p.path());
        assertTrue(p.zh().startsWith("$j 未定义"), p.zh());
    }

    @Test
    void aMisspeltType_isOneUnknownTypeError_notASecurityBlockNorACascade() throws IOException {
        // problem() asserts that the slip gives exactly one problem
        Problem p = problem("import org.safecounty.facts.Indicator;", "import org.safecounty.facts.Indicater;");
        assertEquals("rules/task-a.drl:4", p.path());
        assertEquals("RULE_COMPILE", p.code());
        assertTrue(p.zh().startsWith("未知类型 org.safecounty.facts.Indicater"), p.zh());
        assertTrue(p.en().startsWith("unknown type org.safecounty.facts.Indicater"), p.en());
    }

    @Test
    void aMisspeltTypeInACondition_isOneUnknownTypeError() throws IOException {
        Problem p = problem("$i : Indicator( id == \"A.3\" )", "$i : Indicater( id == \"A.3\" )");
        assertEquals("rules/task-a.drl:28", p.path());
        assertEquals("RULE_COMPILE", p.code());
        assertTrue(p.zh().startsWith("未知类型 Indicater：请检查拼写"), p.zh());
        assertTrue(p.en().startsWith("unknown type Indicater: check the spelling"), p.en());
    }

    @Test
    void aConditionMissingItsClosingParenthesis_isNamedOnTheLineItOpens() throws IOException {
        // Drools stumbles over "then" on the next line; the slip is on line 28
        Problem p = problem("$i : Indicator( id == \"A.3\" )", "$i : Indicator( id == \"A.3\" ");
        assertEquals("rules/task-a.drl:28", p.path());
        assertEquals("语法错误：这一行的“(”没有配对的“)”；请在条件结束处补上“)”", p.zh());
        assertTrue(p.en().startsWith("syntax error: a \"(\" on this line is never closed"), p.en());
    }

    @Test
    void unclosedBracket_skipsStringsCommentsAndConsequences() {
        assertEquals(0, RuleVerifier.unclosedBracket("rule \"a (\" when $i : Indicator( id == \"(\" ) then $i.when( x ; end"));
        assertEquals(2, RuleVerifier.unclosedBracket("rule \"a\"\nwhen $i : Indicator( id == \"A\" // )\nthen\nend"));
        assertEquals(2, RuleVerifier.unclosedBracket("rule \"a\" when\n /* ( */ $i : Indicator(\n id == \"A\", value(\"k\").below(1)\nthen end"));
    }
}
