package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.safecounty.result.AssessmentResult;

/**
 * What one might expect of the scoring but the standard does not promise, each shown by a
 * counterexample worked by hand on the base county (tests/base-county.json: total 100, EXCELLENT).
 */
class NotAPropertyTest {

    static final Hebei2014 H = Hebei2014.load();

    @Test
    void acceptanceCanScoreHigherThanSelfAssessmentForTheSameEvidence() throws IOException {
        // a later, unverified weight of 2 % supersedes the verified 6 % only where it counts (§2 Mode)
        ObjectNode acceptance = base();
        addItem(acceptance, "e-late", "org.assessment_weight_pct", new BigDecimal("2"), "2014-10-01", false);
        ObjectNode self = acceptance.deepCopy();
        ((ObjectNode) self.get("assessment")).put("mode", "SELF");
        AssessmentResult a = H.assess(acceptance);
        AssessmentResult s = H.assess(self);
        assertEquals(0, a.totalScore().compareTo(new BigDecimal("100")));   // T1.2: 6 ≥ 5 → 3
        assertEquals(0, s.totalScore().compareTo(new BigDecimal("97")));    // T1.2: 2 < 3 → 0
        assertTrue(a.totalScore().compareTo(s.totalScore()) > 0);
    }

    @Test
    void moreEvidenceCanLowerTheTotal() throws IOException {
        // a later verified item supersedes a better one (§2 Repeats): 100 → 97
        ObjectNode more = base();
        addItem(more, "e-late", "org.assessment_weight_pct", new BigDecimal("2"), "2014-10-01", true);
        assertEquals(0, H.assess(more).totalScore().compareTo(new BigDecimal("97")));
    }

    @Test
    void aHigherTotalCanHaveAWorseVerdict() throws IOException {
        // 104.5 = 98.5 (T1.2 at 1.5, under its 60 % floor) + 6 bonus → FAIL;  90 → PASS
        ObjectNode high = base();
        setValue(high, "org.assessment_weight_pct", new BigDecimal("4"));
        addItem(high, "b-1", "bonus.grid_supervision", true, "2014-06-30", true);
        addItem(high, "b-2", "bonus.smart_supervision", true, "2014-06-30", true);
        addItem(high, "b-3", "bonus.provincial_model", true, "2014-06-30", true);
        ObjectNode low = base();
        setValue(low, "cap.testing_center_integrated", false);   // T2.4 → 0: 97
        setValue(low, "ent.blacklist_published", false);         // T4.4 → 0: 95
        setValue(low, "emg.opinion_monitoring", false);          // T5.3 → 0: 93
        setValue(low, "cap.training_hours_per_staff", BigDecimal.ZERO);   // T2.3 → 0: 90
        AssessmentResult h = H.assess(high);
        AssessmentResult l = H.assess(low);
        assertEquals(0, h.totalScore().compareTo(new BigDecimal("104.5")));
        assertEquals("FAIL", h.verdict().code());
        assertEquals(0, l.totalScore().compareTo(new BigDecimal("90")));
        assertEquals("PASS", l.verdict().code());
    }

    @Test
    void moreCasesFiledLowersTheScoreAndVetoes() throws IOException {
        // 41 filed, 40 closed: T3.4 ratio 40/41 < 1 → 0 (−2), and V4 is triggered
        ObjectNode more = base();
        setValue(more, "enf.cases_filed", new BigDecimal("41"));
        AssessmentResult r = H.assess(more);
        assertEquals(0, r.totalScore().compareTo(new BigDecimal("98")));
        assertEquals("VETOED", r.verdict().code());
    }

    private static ObjectNode base() throws IOException {
        return (ObjectNode) new JsonMapper().readTree(Files.readString(Hebei2014.DIR.resolve("tests/base-county.json")));
    }

    private static void setValue(ObjectNode s, String key, Object value) {
        for (JsonNode n : s.get("evidence")) {
            if (key.equals(n.get("key").asText())) {
                if (value instanceof Boolean b) {
                    ((ObjectNode) n).put("value", b);
                } else {
                    ((ObjectNode) n).put("value", (BigDecimal) value);
                }
            }
        }
    }

    private static void addItem(ObjectNode s, String id, String key, Object value, String date, boolean verified) {
        ObjectNode item = ((ArrayNode) s.get("evidence")).addObject();
        item.put("id", id);
        item.put("key", key);
        if (value instanceof Boolean b) {
            item.put("value", b);
        } else {
            item.put("value", (BigDecimal) value);
        }
        item.put("date", date);
        item.put("verified", verified);
    }
}
