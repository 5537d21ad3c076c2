package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * Every run is bounded: a rule that sets itself off again through {@code modify} — the only way
 * the rule language can repeat anything, since compiled rule code has no loops — stops at the
 * firing cap or at the deadline, the county gets an error naming the rule, and the next county is
 * assessed as usual by the same assessor.
 */
class BoundedRunTest {

    /** A verified rule that matches the tally whatever it holds and modifies it: it sets itself off forever. */
    static final String CYCLE = String.join("\n",
            "package mini.toy",
            "import org.safecounty.facts.Tally;",
            "global org.safecounty.facts.Parameters params;",
            "rule \"cycle\"",
            "when",
            "    $t : Tally()",
            "then",
            "    modify( $t ) { capBonus( params.number(\"bonus.cap\") ) }",
            "end",
            "");

    @Test
    void aModifyCycle_stopsAtTheFiringCapNamingTheRule_andTheAssessorGoesOn() throws IOException {
        RulePack pack = RulePack.load(withCycle());
        Assessor assessor = Assessor.of(pack);
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assessor.assess(MiniPack.json(MiniPack.base())));
        Problem p = assertInstanceOf(Outcome.Rejected.class, outcome).problems().get(0);
        assertTrue(List.of("RULE_LOOP", "RULE_TIMEOUT").contains(p.code()), p.toString());
        assertEquals("rule \"cycle\"", p.path());
        // the next county, and the next call, get the same clean answer: nothing was left behind
        assertEquals(outcome, assessor.assess(MiniPack.json(MiniPack.base())));
    }

    @Test
    void theFiringCap_isCountedOverBothPhases() throws IOException {
        RuleCompiler.Compiled compiled = compiled();
        RulePack mini = MiniPack.pack();
        Evaluator evaluator = new Evaluator(compiled.kieBase(), compiled.container(), mini.catalogue(),
                mini.parameters(), Map.of(), new RunLimits(50, Duration.ofMinutes(1)));
        Evaluator.Evaluation e = evaluator.evaluate(SandboxTest.facts(mini));
        assertEquals(List.of("RULE_LOOP"), e.problems().stream().map(Problem::code).toList());
        assertTrue(e.problems().get(0).en().contains("more than 50"), e.problems().toString());
    }

    @Test
    void theDeadline_haltsTheRunNamingTheLastRule() throws IOException {
        RuleCompiler.Compiled compiled = compiled();
        RulePack mini = MiniPack.pack();
        // warm up on the same rules (capped), so that the deadline is spent cycling, not starting
        new Evaluator(compiled.kieBase(), compiled.container(), mini.catalogue(), mini.parameters(), Map.of(),
                new RunLimits(5_000, Duration.ofMinutes(1))).evaluate(SandboxTest.facts(mini));
        Evaluator evaluator = new Evaluator(compiled.kieBase(), compiled.container(), mini.catalogue(),
                mini.parameters(), Map.of(), new RunLimits(Integer.MAX_VALUE, Duration.ofMillis(300)));
        Evaluator.Evaluation e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> evaluator.evaluate(SandboxTest.facts(mini)));
        assertEquals(List.of("RULE_TIMEOUT"), e.problems().stream().map(Problem::code).toList());
        assertEquals("rule \"cycle\"", e.problems().get(0).path());
    }

    @Test
    void theBundledLimits_leaveRoomForARealPack() {
        // a real county fires about one rule per catalogue item: far from the cap and the deadline
        Outcome good = MiniPack.assessor().assess(MiniPack.json(MiniPack.base()));
        assertEquals("EXCELLENT", assertInstanceOf(Outcome.Assessed.class, good).result().verdict().code());
    }

    private static RuleCompiler.Compiled compiled() throws IOException {
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(withCycle(), "mini-toy",
                new RuleClassLoader(BoundedRunTest.class.getClassLoader()));
        assertEquals(List.of(), compiled.problems());
        return compiled;
    }

    private static PackFiles withCycle() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put("rules/cycle.drl", CYCLE.getBytes(StandardCharsets.UTF_8));
        return PackFiles.of("memory:cycle", files);
    }
}
