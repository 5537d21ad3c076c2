package org.safecounty.internal.packtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.safecounty.internal.authoring.PackSuite;

/**
 * The JUnit side of {@link PackSuite}, for any module that keeps rule packs: one container per pack
 * folder found under a root, holding a test per case (inherited ones included, named by
 * {@link PackCase#label()}) and last the check that every rule of the pack fired in some case.
 * Finding no pack, a pack with no case, or fewer cases than the least its module names for it,
 * fails.
 *
 * <pre>
 * &#64;TestFactory
 * Stream&lt;DynamicNode&gt; everyCaseOfEveryPack() {
 *     return PackCaseTests.under(Path.of("packs"), Path.of("src/test/resources/pack-cases.yaml"));
 * }
 * </pre>
 */
public final class PackCaseTests {

    private PackCaseTests() {
    }

    /** Every pack under {@code root}, with no least number of cases beyond one. */
    public static Stream<DynamicNode> under(Path root) {
        return under(root, Map.of());
    }

    /**
     * Every pack under {@code root}; {@code leastCases} is a YAML map of pack id to the least number
     * of cases it must run, each pack named there must be found.
     */
    public static Stream<DynamicNode> under(Path root, Path leastCases) {
        return under(root, least(leastCases));
    }

    /** Every pack under {@code root}, each pack named in {@code leastCases} running at least that many. */
    public static Stream<DynamicNode> under(Path root, Map<String, Integer> leastCases) {
        List<Path> packs = PackSuite.find(root);
        assertFalse(packs.isEmpty(), "no pack folder (a folder with pack.yaml) under " + root.toAbsolutePath());
        List<DynamicNode> nodes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Path dir : packs) {
            PackSuite suite;
            try {
                suite = PackSuite.load(dir);
            } catch (RuntimeException e) {
                nodes.add(DynamicTest.dynamicTest(dir + ": 加载并读取用例 loads and reads its cases",
                        () -> fail(dir + ": " + e.getMessage(), e)));
                continue;
            }
            seen.add(suite.pack().id());
            nodes.add(DynamicContainer.dynamicContainer(suite.pack().id() + " — " + suite.summary(), suite(suite,
                    leastCases.getOrDefault(suite.pack().id(), 1))));
        }
        List<String> missing = leastCases.keySet().stream().filter(id -> !seen.contains(id)).toList();
        nodes.add(DynamicTest.dynamicTest("每个列出的规则包都找到了 every pack named in the least counts was found",
                () -> assertEquals(List.of(), missing, "packs named but not found under " + root.toAbsolutePath())));
        return nodes.stream();
    }

    private static Stream<DynamicNode> suite(PackSuite suite, int least) {
        List<PackCase> cases = suite.cases().cases();
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("用例数 case count ≥ " + Math.max(least, 1), () -> assertTrue(
                cases.size() >= Math.max(least, 1), suite.pack().id() + " runs " + cases.size() + " cases, at least "
                        + Math.max(least, 1) + " expected: " + suite.summary())));
        for (PackCase c : cases) {
            tests.add(DynamicTest.dynamicTest(c.label(), () -> {
                CaseResult result = suite.result(c);
                assertTrue(result.passed(), () -> PackSuite.describe(result));
            }));
        }
        tests.add(DynamicTest.dynamicTest("每条规则都在某个用例中触发 every rule fired in some case",
                () -> assertEquals(List.of(), suite.rulesNeverFired(), suite.pack().id() + ": rules that fired in no case")));
        return tests.stream();
    }

    private static Map<String, Integer> least(Path file) {
        try {
            JsonNode root = new YAMLMapper().readTree(Files.readString(file));
            Map<String, Integer> least = new TreeMap<>();
            root.fields().forEachRemaining(e -> {
                assertTrue(e.getValue().canConvertToExactIntegral() && e.getValue().asInt() > 0,
                        file + ": " + e.getKey() + " should be a whole number of cases above 0");
                least.put(e.getKey(), e.getValue().asInt());
            });
            return least;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
