package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.result.Outcome;

/** Rule packs that go wrong while assessing give a rejected outcome, never an exception. */
class RuleFailureTest {

    @TempDir
    Path tmp;

    @Test
    void assess_ratioWithProfileNumeratorAboveOne_rejectedAtTheProfileFieldPath() throws Exception {
        // B.2 rewritten as townships / b.all: 5 townships > b.all 2 is inconsistent evidence;
        // the problem must point at a path of the submission: county.townships (b.ok stays within b.all,
        // so the catalogue's bounds pass and the rule's own ratio check is what finds it)
        Path dir = MiniPack.copyTo(tmp.resolve("pack"));
        Path file = dir.resolve("rules/task-b.drl");
        Files.writeString(file, Files.readString(file).replace("$i.ratio( $i.value(\"b.ok\"), $i.value(\"b.all\") )",
                "$i.ratio( $i.profile(\"townships\"), $i.value(\"b.all\") )"));
        Outcome outcome = Assessor.of(RulePack.load(dir)).assess(MiniPack.json(MiniPack.set(MiniPack.set(MiniPack.base(), "b.all", 2), "b.ok", 1)));
        assertEquals(List.of("county.townships RATIO_ABOVE_ONE"), assertInstanceOf(Outcome.Rejected.class, outcome)
                .problems().stream().map(p -> p.path() + " " + p.code()).toList());
    }

    @Test
    void load_ruleFilesWithoutParamsGlobal_assessDoesNotThrow() throws Exception {
        // a pack whose rules never declare `global ... params` loads; assessing must then give an Outcome
        // (or the load must fail with a problem), never an exception. One rule per item of the catalogue,
        // so that the plan is whole and the pack does load
        Path dir = MiniPack.copyTo(tmp.resolve("pack"));
        try (var files = Files.list(dir.resolve("rules"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(dir.resolve("rules/all.drl"), """
                package mini.toy
                import org.safecounty.facts.Indicator;
                import org.safecounty.facts.BonusItem;
                import org.safecounty.facts.Veto;
                import org.safecounty.facts.Tally;
                rule "A.1" when $w : Indicator( id == "A.1" ) then $w.award( $w.when( $w.flag("a.plan"), 1 ) ); end
                rule "A.2" when $w : Indicator( id == "A.2" ) then $w.award( $w.when( $w.flag("a.plan"), 1 ) ); end
                rule "A.3" when $w : Indicator( id == "A.3" ) then $w.award( $w.when( $w.flag("a.plan"), 1 ) ); end
                rule "B.1" when $w : Indicator( id == "B.1" ) then $w.award( $w.when( $w.flag("a.plan"), 1 ) ); end
                rule "B.2" when $w : Indicator( id == "B.2" ) then $w.award( $w.when( $w.flag("a.plan"), 1 ) ); end
                rule "bonus" when $b : BonusItem( id == "X1" ) then end
                rule "veto W1" when $v : Veto( id == "W1" ) then end
                rule "veto W2" when $v : Veto( id == "W2" ) then end
                rule "vetoed" activation-group "verdict" salience 4 when $t : Tally( vetoTriggered ) then $t.decide( "VETOED" ); end
                rule "incomplete" activation-group "verdict" salience 3 when $t : Tally( vetoUndecided ) then $t.decide( "INCOMPLETE" ); end
                rule "excellent" activation-group "verdict" salience 2 when $t : Tally( total >= 100 ) then $t.decide( "EXCELLENT" ); end
                rule "pass" activation-group "verdict" salience 1 when $t : Tally( total >= 90 ) then $t.decide( "PASS" ); end
                rule "verdict" activation-group "verdict" when $t : Tally() then $t.decide( "FAIL" ); end
                """);
        RulePack pack = RulePack.load(dir);
        Outcome outcome = Assessor.of(pack).assess(MiniPack.json(MiniPack.base()));
        assertEquals(true, outcome.assessed());
    }

    @Test
    void assess_ruleConditionThrows_rejectedWithRuleFailed() throws Exception {
        Path dir = MiniPack.copyTo(tmp.resolve("pack"));
        Path file = dir.resolve("rules/verdict.drl");
        // a condition the rule language accepts but that throws for every county: no such profile field
        file = dir.resolve("rules/task-a.drl");
        Files.writeString(file, Files.readString(file).replace("$i : Indicator( id == \"A.3\" )",
                "$i : Indicator( id == \"A.3\", profile( \"no-such-field\" ).hasValue() )"));
        Outcome outcome = Assessor.of(RulePack.load(dir)).assess(MiniPack.json(MiniPack.base()));
        assertEquals("RULE_FAILED", assertInstanceOf(Outcome.Rejected.class, outcome).problems().get(0).code());
    }
}
