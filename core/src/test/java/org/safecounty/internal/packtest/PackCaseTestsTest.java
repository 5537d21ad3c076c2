package org.safecounty.internal.packtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.safecounty.MiniPack;
import org.safecounty.internal.authoring.PackSuite;

/** The shared runner cannot pass by finding nothing: no pack, a pack without cases, a named pack missing. */
class PackCaseTestsTest {

    private static final String COVERAGE = "每条规则都在某个用例中触发 every rule fired in some case";

    @TempDir
    Path tmp;

    @Test
    void noPackFolder_fails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> PackCaseTests.under(tmp));
        assertTrue(e.getMessage().contains("no pack folder"), e.getMessage());
    }

    @Test
    void aPackWithNoCase_failsItsCaseCount_andBuildOutputIsNotAPack() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        // a copy under target/ (as a build leaves one) is not a second pack
        MiniPack.copyTo(tmp.resolve("target/classes/mini-toy"));
        List<DynamicTest> tests = flat(PackCaseTests.under(tmp));
        assertEquals(List.of("mini-toy"), PackSuite.find(tmp).stream().map(p -> p.getFileName().toString()).toList());
        List<String> failed = failing(tests);
        // one case reaches few of the mini pack's rules: the coverage check fails too
        assertEquals(List.of("用例数 case count ≥ 1", COVERAGE), failed);
    }

    @Test
    void aPackNamedInTheLeastCounts_mustBeFound_andRunThatMany() throws IOException {
        Path pack = MiniPack.copyTo(tmp.resolve("mini-toy"));
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/base-county.json"), MiniPack.json(MiniPack.base()));
        Files.writeString(pack.resolve("tests/a.yaml"), String.join("\n",
                "cases:",
                "  - name: \"the base county is excellent\"",
                "    expect: { verdict: EXCELLENT }",
                ""));
        // one case reaches few of the mini pack's rules: only the coverage check fails
        assertEquals(List.of(COVERAGE), failing(flat(PackCaseTests.under(tmp, Map.of("mini-toy", 1)))));
        assertEquals(List.of("用例数 case count ≥ 2", COVERAGE, "每个列出的规则包都找到了 every pack named in the least counts was found"),
                failing(flat(PackCaseTests.under(tmp, Map.of("mini-toy", 2, "no-such-pack", 1)))));
    }

    private static List<DynamicTest> flat(Stream<? extends DynamicNode> nodes) {
        List<DynamicTest> tests = new ArrayList<>();
        nodes.forEach(n -> {
            if (n instanceof DynamicContainer c) {
                tests.addAll(flat(c.getChildren()));
            } else {
                tests.add((DynamicTest) n);
            }
        });
        return tests;
    }

    private static List<String> failing(List<DynamicTest> tests) {
        List<String> failed = new ArrayList<>();
        for (DynamicTest t : tests) {
            try {
                t.getExecutable().execute();
            } catch (Throwable e) {
                failed.add(t.getDisplayName());
            }
        }
        return failed;
    }
}
