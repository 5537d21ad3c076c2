package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.VetoResult;

/** A triggered veto gives VETOED whatever the rest of the submission says (§6, §7). */
class VetoTest {

    static final Hebei2014 H = Hebei2014.load();

    @Test
    void aMajorIncidentOnTheAssessmentDateAlwaysGivesVetoed() {
        Hebei2014.qt().forAll(H.submissions(), SourceDSL.arbitrary().pick(List.of("I", "II"))).checkAssert((s, level) -> {
            ObjectNode withIncident = s.deepCopy();
            ObjectNode inc = ((ArrayNode) withIncident.get("incidents")).addObject();
            inc.put("id", "i-major");
            inc.put("date", s.get("assessment").get("date").asText());
            inc.put("level", level);
            inc.put("kind", "FOOD");
            inc.put("reportedWithinHours", 1);
            AssessmentResult r = H.assess(withIncident);
            assertEquals("VETOED", r.verdict().code());
            assertTrue(r.vetoes().stream().map(VetoResult::id).toList().contains("V1"));
        });
    }

    @Test
    void falsifiedMaterialAlwaysGivesVetoed() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            ObjectNode falsified = s.deepCopy();
            ArrayNode evidence = (ArrayNode) falsified.get("evidence");
            for (int i = evidence.size() - 1; i >= 0; i--) {
                if ("integrity.falsified_material".equals(evidence.get(i).get("key").asText())) {
                    evidence.remove(i);
                }
            }
            ObjectNode item = evidence.addObject();
            item.put("id", "e-falsified");
            item.put("key", "integrity.falsified_material");
            item.put("value", true);
            item.put("date", s.get("assessment").get("date").asText());
            item.put("verified", true);
            AssessmentResult r = H.assess(falsified);
            assertEquals("VETOED", r.verdict().code());
            assertTrue(r.vetoes().stream().map(VetoResult::id).toList().contains("V5"));
        });
    }

    @Test
    void aVetoedCountyIsNeverCalledPassingAndEveryListedVetoHasItsReason() {
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            AssessmentResult r = H.assess(s);
            assertEquals(!r.vetoes().isEmpty(), r.verdict().code().equals("VETOED"), r.verdict() + " with " + r.vetoes());
            r.vetoes().forEach(v -> assertTrue(!v.explanation().isBlank() && !v.explanationEn().isBlank(), v.id()));
        });
    }
}
