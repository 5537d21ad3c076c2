package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safecounty.result.Outcome;
import org.safecounty.submission.SubmissionLimits;

/** Inputs cannot hurt: every limit gives a clear error, never an out-of-memory. */
class SubmissionLimitsTest {

    static List<String> problems(Outcome outcome) {
        return assertInstanceOf(Outcome.Rejected.class, outcome).problems().stream()
                .map(p -> p.path() + " " + p.code()).toList();
    }

    @Test
    void assess_submissionLargerThanTheLimit_isRejectedBeforeParsing() {
        String huge = " ".repeat(SubmissionLimits.defaults().maxChars() + 1) + MiniPack.json(MiniPack.base());
        assertEquals(List.of("$ LIMIT_EXCEEDED"), problems(MiniPack.assessor().assess(huge)));
    }

    @Test
    void assess_tenThousandDeepNesting_isLimitExceeded() {
        String deep = "{\"county\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertEquals(List.of("$ LIMIT_EXCEEDED"), problems(MiniPack.assessor().assess(deep)));
    }

    @Test
    void assess_moreEvidenceThanTheLimit_isLimitExceededAtEvidence() {
        ObjectNode s = MiniPack.base();
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        var limits = new SubmissionLimits(1_000_000, evidence.size() - 1, 10, 2_000, 16);
        assertEquals(List.of("evidence LIMIT_EXCEEDED"), problems(MiniPack.assessor().withLimits(limits)
                .assess(MiniPack.json(s))));
    }

    @Test
    void assess_textLongerThanTheLimit_isLimitExceeded() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("county")).put("name", "县".repeat(2_001));
        assertEquals(List.of("$ LIMIT_EXCEEDED"), problems(MiniPack.assessor().assess(MiniPack.json(s))));
    }

    @Test
    void assess_moreIncidentsThanTheLimit_isLimitExceededAtIncidents() {
        ObjectNode s = MiniPack.incidents(MiniPack.base(), MiniPack.incident("i-1", "2020-06-01", "IV", 1, false),
                MiniPack.incident("i-2", "2020-06-02", "IV", 1, false));
        var limits = new SubmissionLimits(1_000_000, 100, 1, 2_000, 16);
        assertEquals(List.of("incidents LIMIT_EXCEEDED"), problems(MiniPack.assessor().withLimits(limits)
                .assess(MiniPack.json(s))));
    }

    @Test
    void defaults_acceptAnOrdinarySubmission() {
        assertEquals(true, MiniPack.assessor().assess(MiniPack.json(MiniPack.base())).assessed());
    }
}
