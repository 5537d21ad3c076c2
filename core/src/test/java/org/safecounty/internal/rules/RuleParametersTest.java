package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParametersTest {

    @Test
    void eachRuleGetsTheParametersItsTextNames_inOrder_once_skippingComments() {
        String drl = """
                package x
                global org.safecounty.facts.Parameters params;
                rule "A 抽检量 sampling"
                    salience 10
                when
                    $t : Tally( total >= params.number("pass_line") )
                then
                    // params.number("commented_out")
                    $i.award( $i.stepped( r, params.bands("A.bands") ) );
                    $i.award( $i.reaches( r, params.number("pass_line"), params.number("A.points") ) );
                end

                rule "B no parameters"
                when
                    $v : Veto( id == "V5" )
                then
                    $v.triggerIfAny( $v.concealedIncidents(), "x", "y" );
                end
                rule "C" when $v : Veto() then $v.triggerIfAny( $v.incidentsOfLevel( params.texts("V1.levels") ), "a", "b" );
                end
                """;
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        RuleParameters.scan(drl, byRule);
        assertEquals(Map.of("A 抽检量 sampling", List.of("pass_line", "A.bands", "A.points"),
                "B no parameters", List.of(),
                "C", List.of("V1.levels")), byRule);
    }
}
