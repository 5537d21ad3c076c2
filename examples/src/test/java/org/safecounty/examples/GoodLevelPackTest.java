package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.RulePack;
import org.safecounty.internal.packtest.PackCaseTests;
import org.safecounty.result.Verdict;

/**
 * The example pack {@code packs/hebei-fds-county-2014-good}: a province adds the verdict level
 * GOOD and changes the rectification list by editing pack files only. Its cases run here, the
 * 2014 pack's included; the levels are the pack's, in the order the overlay places them.
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

    /**
     * Every case the pack runs — its own and the 2014 pack's, adjusted or dropped where it says so —
     * holds, and every rule fired in some case; the least number of cases is in
     * {@code src/test/resources/pack-cases.yaml}.
     */
    @TestFactory
    Stream<DynamicNode> everyCaseHoldsAsWorkedByHand() {
        return PackCaseTests.under(Path.of("packs"), Path.of("src/test/resources/pack-cases.yaml"));
    }
}
