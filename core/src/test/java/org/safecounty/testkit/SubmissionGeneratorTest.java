package org.safecounty.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/** The generators keep their promise for any pack: valid is accepted, invalid is rejected at its path. */
class SubmissionGeneratorTest {

    final SubmissionGenerator generator = new SubmissionGenerator(MiniPack.pack(),
            new SubmissionGenerator.Options(2020, List.of()));

    @Test
    void valid_everyGeneratedSubmissionIsAccepted() {
        Set<String> seen = new TreeSet<>();
        for (long seed = 0; seed < 400; seed++) {
            var s = generator.valid(Draws.seeded(seed));
            Outcome outcome = MiniPack.assessor().assess(s.toString());
            seen.add(assertInstanceOf(Outcome.Assessed.class, outcome, () -> s + " → " + outcome).result().verdict().code());
        }
        assertEquals(new TreeSet<>(Set.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE")), seen, "the generator reaches every verdict");
    }

    @Test
    void invalid_everyDefectIsRejectedNamingItsPath() {
        Set<Defect> seen = EnumSet.noneOf(Defect.class);
        for (long seed = 0; seed < 600; seed++) {
            InvalidSubmission bad = generator.invalid(Draws.seeded(seed));
            seen.add(bad.defect());
            Outcome outcome = MiniPack.assessor().assess(bad.submission().toString());
            List<String> paths = assertInstanceOf(Outcome.Rejected.class, outcome,
                    () -> bad.defect() + " accepted: " + bad.submission()).problems().stream().map(Problem::path).toList();
            assertTrue(paths.contains(bad.path()), () -> bad.defect() + ": " + bad.path() + " not in " + paths
                    + "\n" + bad.submission());
        }
        assertEquals(EnumSet.allOf(Defect.class), seen);
    }

    @Test
    void seeded_sameSeedGivesTheSameSubmission() {
        assertEquals(generator.valid(Draws.seeded(42)), generator.valid(Draws.seeded(42)));
    }

    @Test
    void quickTheories_drivesTheSameGenerators() {
        qt().withFixedSeed(7).withExamples(100)
                .forAll(QuickTheoriesGens.validSubmissions(generator))
                .check(s -> MiniPack.assessor().assess(s.toString()).assessed());
    }
}
