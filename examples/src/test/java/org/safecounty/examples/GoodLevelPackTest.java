package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.pack.PackFiles;
import org.safecounty.packtest.CaseReader;
import org.safecounty.packtest.CaseResult;
import org.safecounty.packtest.PackCase;
import org.safecounty.packtest.PackTestRunner;
import org.safecounty.result.Verdict;

/**
 * The example pack {@code packs/hebei-fds-county-2014-good}: a province adds the verdict level
 * GOOD and changes the rectification list by editing pack files only. Its own hand-worked cases
 * run here; the levels are the pack's, in the order the overlay places them.
 */
class GoodLevelPackTest {

    static final Path PACK = Path.of("packs/hebei-fds-county-2014-good");

    @Test
    void theLevelsAreThe2014OnesWithGoodBeforePass() {
        RulePack pack = RulePack.load(PACK);
        assertEquals(List.of("EXCELLENT", "GOOD", "PASS", "FAIL", "VETOED", "INCOMPLETE"),
                pack.catalogue().verdicts().stream().map(Verdict::code).toList());
        assertEquals("hebei-fds-county-2014", pack.standard().bases().get(0).id());
    }

    @Test
    void theCasesReachEveryRuleTheOverlayWrote() throws java.io.IOException {
        RulePack pack = RulePack.load(PACK);
        PackFiles files = PackFiles.fromDirectory(PACK);
        PackTestRunner runner = new PackTestRunner(Assessor.of(pack));
        List<CaseResult> results = runner.run(CaseReader.of(RulePack.load(PACK)).read(files));
        List<String> ownRules = pack.ruleNames().stream().filter(n -> n.contains("GOOD")).toList();
        assertEquals(2, ownRules.size(), "the GOOD rule and the rectification rule aimed at GOOD: " + ownRules);
        assertEquals(List.of(), runner.rulesNeverFired(results, ownRules));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseHoldsAsWorkedByHand() throws java.io.IOException {
        PackFiles files = PackFiles.fromDirectory(PACK);
        PackTestRunner runner = new PackTestRunner(Assessor.of(RulePack.load(PACK)));
        List<PackCase> cases = CaseReader.of(RulePack.load(PACK)).read(files);
        assertTrue(cases.size() >= 9, "the example ships its hand-worked cases, found " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.file() + " #" + c.index() + " " + c.name(), () -> {
            CaseResult result = runner.run(c);
            assertTrue(result.passed(), () -> c.name() + "\n  "
                    + String.join("\n  ", result.failures().stream().map(Object::toString).toList()));
        }));
    }
}
