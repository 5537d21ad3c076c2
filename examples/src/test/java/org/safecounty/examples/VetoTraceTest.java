package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.VetoCheck;
import org.safecounty.result.VetoResult;

/** Every veto item of every sample is traced, triggered or not, in both languages. */
class VetoTraceTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.safecounty.examples.SamplesTest#samples")
    void everyVetoItemIsTracedWithItsStateAndWhy(String file) throws IOException {
        SamplesTest.load();
        AssessmentResult r = SamplesTest.assess(file);
        assertEquals(Set.of("V1", "V2", "V3", "V4", "V5"),
                r.vetoChecks().stream().map(VetoCheck::id).collect(Collectors.toSet()));
        for (VetoCheck c : r.vetoChecks()) {
            assertFalse(c.explanation().isBlank(), c.id() + " has a Chinese explanation");
            assertFalse(c.explanationEn().isBlank(), c.id() + " has an English explanation");
            assertFalse(c.rule().isBlank(), c.id() + " names its rule");
        }
        assertEquals(r.vetoes().stream().map(VetoResult::id).collect(Collectors.toCollection(TreeSet::new)),
                ids(r, "TRIGGERED"));
        assertEquals(r.undecidedVetoes().stream().map(UndecidedVeto::id).collect(Collectors.toCollection(TreeSet::new)),
                ids(r, "UNDECIDED"));
    }

    static Set<String> ids(AssessmentResult r, String state) {
        return r.vetoChecks().stream().filter(c -> c.state().equals(state)).map(VetoCheck::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
