package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.testkit.Defect;
import org.safecounty.testkit.Draws;
import org.safecounty.testkit.QuickTheoriesGens;

/** The testkit's generators, driven by the bundled pack: what they call valid is accepted, and so on. */
class GeneratorContractTest {

    static final Hebei2014 H = Hebei2014.load();

    @Test
    void everyValidGeneratedSubmissionIsAccepted() {
        Hebei2014.qt().forAll(H.submissions()).check(s -> H.assessor.assess(s.toString()).assessed());
    }

    @Test
    void everyInvalidGeneratedSubmissionIsRejectedNamingItsPath() {
        Hebei2014.qt().forAll(QuickTheoriesGens.invalidSubmissions(H.generator)).checkAssert(bad -> {
            Outcome outcome = H.assessor.assess(bad.submission().toString());
            assertTrue(outcome instanceof Outcome.Rejected, bad.defect() + " was accepted");
            List<String> paths = ((Outcome.Rejected) outcome).problems().stream().map(Problem::path).toList();
            assertTrue(paths.contains(bad.path()), bad.defect() + ": " + bad.path() + " not in " + paths);
        });
    }

    @Test
    void seededGenerationReachesEveryVerdictAndEveryDefect() {
        Set<String> verdicts = new TreeSet<>();
        EnumSet<Defect> defects = EnumSet.noneOf(Defect.class);
        for (long seed = 0; seed < 300; seed++) {
            verdicts.add(H.assess(H.generator.valid(Draws.seeded(seed))).verdict().code());
            defects.add(H.generator.invalid(Draws.seeded(seed)).defect());
        }
        assertEquals(new TreeSet<>(Set.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE")), verdicts, "§7: every level of the 2014 standard");
        assertEquals(EnumSet.allOf(Defect.class), defects);
    }
}
