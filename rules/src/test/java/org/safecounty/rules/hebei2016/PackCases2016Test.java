package org.safecounty.rules.hebei2016;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.packtest.CaseReader;
import org.safecounty.packtest.CaseResult;
import org.safecounty.packtest.PackCase;
import org.safecounty.packtest.PackTestRunner;
import org.safecounty.pack.PackFiles;

/**
 * Runs every case of the pack's own tests ({@code hebei-fds-county-2016/tests/*.yaml}): expected
 * figures worked out by hand from the standard (the 2014 text with the six changes of the 2016
 * revision), with the arithmetic written beside them.
 */
class PackCases2016Test {

    static final Path PACK = Path.of("hebei-fds-county-2016");

    @Test
    void theCasesReachEveryRuleOfThePack() throws IOException {
        PackFiles files = PackFiles.fromDirectory(PACK);
        RulePack pack = RulePack.load(files);
        PackTestRunner runner = new PackTestRunner(Assessor.of(pack));
        List<CaseResult> results = runner.run(new CaseReader().read(files));
        assertEquals(List.of(), runner.rulesNeverFired(results, pack.ruleNames()), "rules that fired in no case");
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOfThePackHoldsAsWorkedByHand() throws IOException {
        PackFiles files = PackFiles.fromDirectory(PACK);
        PackTestRunner runner = new PackTestRunner(Assessor.of(RulePack.load(files)));
        List<PackCase> cases = new CaseReader().read(files);
        assertTrue(cases.size() > 400, "the pack ships its hand-worked cases, found " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.file() + " #" + c.index() + " " + c.name(), () -> {
            CaseResult result = runner.run(c);
            assertTrue(result.passed(), () -> c.file() + " #" + c.index() + " \"" + c.name() + "\"\n  "
                    + String.join("\n  ", result.failures().stream().map(Object::toString).toList()));
        }));
    }
}
