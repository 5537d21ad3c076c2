package org.safecounty.rules;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.safecounty.internal.packtest.PackCaseTests;

/**
 * Runs every case of every pack folder of this module (every folder with a {@code pack.yaml}):
 * expected figures worked out by hand from the standard, with the arithmetic written beside them.
 * An overlay runs the cases of the packs it extends too, as its {@code adjust:} and {@code drop:}
 * say; then every rule of each pack must have fired in some case. The least number of cases each
 * pack runs is in {@code src/test/resources/pack-cases.yaml}.
 */
class PackCasesTest {

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryPackHoldsAsWorkedByHand() {
        return PackCaseTests.under(Path.of("."), Path.of("src/test/resources/pack-cases.yaml"));
    }
}
