package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.Assessor;
import org.safecounty.LiveAssessor;
import org.safecounty.MiniPack;
import org.safecounty.PackPolicy;
import org.safecounty.PackWatcher;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.authoring.PackSuite;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.PackTestRunner;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * Second red-team round against the claim that a rule pack RulePack.load accepts cannot act
 * outside the rule vocabulary. Each test asserts the SAFE behaviour, so a test that fails is a hole.
 *
 * <p>Holes (failing tests):
 * <ul>
 *   <li>the verifier lets a rule hold any number of patterns with no join constraint: ten bare
 *       {@code Indicator()} patterns over the mini pack's five indicators make Drools build ~10
 *       million tuples while it evaluates the network, before the first firing, so neither the
 *       deadline nor the memory budget (both looked at only after a firing) is ever consulted:
 *       ~9 s and gigabytes for one county; eleven patterns take the whole heap
 *       ({@code OutOfMemoryError} in other threads of the JVM);</li>
 *   <li>{@code ratio(x, ratio(v, x))} squares a reading's magnitude; readings keep 34 digits but an
 *       unbounded exponent, and {@code display()} / {@code divide(…, 4, …)} (called by
 *       {@code ratio} itself when it reports a numerator above its denominator) expand it to every
 *       digit: twenty statements of pure vocabulary make one firing take ~20 s, twenty-seven take
 *       hours and gigabytes;</li>
 *   <li>{@code Tally.rectifyKeyItemsBelow} runs the floor planner (up to 20,000 plans) for every key item below
 *       its floor, every time it is called: a consequence calling it 60 times over a catalogue with
 *       twenty key items of ten stepped parts takes one firing ~10 s;</li>
 *   <li>the pack's own tests ({@code tests/*.yaml}, outside the digest, run by {@link PackWatcher}
 *       inside the serving JVM) are read without limits: an expected figure {@code 1e300000000}
 *       is printed with {@code toPlainString()} (hundreds of MiB, gigabytes for {@code 1e999999999},
 *       which ends in {@code OutOfMemoryError} — an Error, which also cancels the watcher's
 *       scheduled task for good); {@code 1e2147483647} throws NegativeArraySizeException out of
 *       {@link PackWatcher#checkNow()} instead of refusing the change; and every case holds its
 *       own deep copy of the base submission, with no limit on the number of cases;</li>
 *   <li>invisible characters other than the bidi controls (zero-width space, word joiner, soft
 *       hyphen, variation selectors) pass the verifier inside string literals, so
 *       {@code id == "A.1<U+200B>"} reads as A.1 and matches nothing.</li>
 * </ul>
 *
 * <p>Defences confirmed (passing tests): a number literal that is not an int is refused by the
 * bytecode check; a rule whose name encodes to the same generated Java name as another does not
 * replace it; a consequence that fails for some counties of a parallel batch leaves nothing behind
 * in the pooled sessions for the others.
 */
public class BoundaryAttackRound2Test {

    /** What one county's rules may allocate before the run should have been stopped: 512 MiB. */
    static final long BUDGET = 512L << 20;

    /** Three times the 2 s deadline: an assessment slower than this ran "far past" it. */
    static final Duration FAR_PAST = RunLimits.DEFAULT.deadline().multipliedBy(3);

    @BeforeAll
    static void guard() {
        ExitAndExecGuard.stand();
    }

    @AfterAll
    static void unguard() {
        ExitAndExecGuard.standDown();
    }

    @BeforeEach
    void clear() {
        ExitAndExecGuard.ATTEMPTS.clear();
    }

    // ------------------------------------------------------------------ the network: joins before any firing

    /**
     * Ten patterns with no constraint between them: a cross product of 5^10 ≈ 9.8 million tuples,
     * built by Drools while it evaluates the rule's network, before the first firing, where the
     * deadline and the memory budget are never looked at. The verifier checks each pattern, not how
     * many there are or whether they are joined.
     */
    @Test
    void unjoinedPatterns_areRefusedOrBoundedByTheDeadlineAndBudget() throws IOException {
        StringBuilder when = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            when.append("    Indicator()\n");
        }
        String drl = "package mini.toy\nimport org.safecounty.facts.Tally;\nimport org.safecounty.facts.Indicator;\n"
                + "rule \"cross product\"\nwhen\n" + when + "    $t : Tally()\nthen\n    $t.getTotal();\nend\n";
        RulePack pack;
        try {
            pack = RulePack.load(withFile("cross.drl", drl));
        } catch (RulePackException refused) {
            return; // refused at load: safe
        }
        Assessor assessor = Assessor.of(pack);
        Measured<Outcome> run = measured(() -> assessor.assess(MiniPack.json(MiniPack.base())));
        assertTrue(run.allocated < BUDGET, "one county's rules allocated " + (run.allocated >> 20)
                + " MiB before the first firing (" + run.millis + " ms)");
        assertTrue(run.millis < FAR_PAST.toMillis(), "one county took " + run.millis + " ms against a "
                + RunLimits.DEFAULT.deadline().toMillis() + " ms deadline");
    }

    // ------------------------------------------------------------------ one firing: the vocabulary's own cost

    /**
     * {@code x' = ratio(x, ratio(one, x))} squares x; the exponent doubles per two statements and
     * no operation bounds it. {@code ratio} reports a numerator above its denominator with both
     * readings' {@code display()}, which writes every digit ({@code toPlainString}) and divides to 4
     * decimals (a BigInteger of every digit): the cost doubles with each step, all within one firing.
     */
    @Test
    void squaringARatio_doesNotRunOneFiringFarPastTheDeadline() throws IOException {
        // as sent (a unit of 2147483647): refused at load, figures belong in the parameters
        assertInstanceOf(RulePackException.class, loadCatching(withFile("squaring.drl", squaring(20))));
        // the largest unit the language allows: a reading that grows out of range ends the county (the
        // rule takes A.3 over, so that the plan is whole)
        RulePack pack = RulePack.load(BoundaryAttackTest.insteadOf("A.3", "squaring.drl",
                squaring(20).replace("2147483647", "999999999")));
        Assessor assessor = Assessor.of(pack);
        Measured<Outcome> run = measured(() -> assessor.assess(MiniPack.json(MiniPack.base())));
        assertTrue(run.millis < FAR_PAST.toMillis(), "one firing of pure vocabulary took " + run.millis
                + " ms against a " + RunLimits.DEFAULT.deadline().toMillis() + " ms deadline ("
                + (run.allocated >> 20) + " MiB allocated)");
    }

    /**
     * {@code Tally.rectifyKeyItemsBelow} plans, for each key item below its floor, the fewest changes that lift
     * it (up to 20,000 plans each); nothing bounds how often a consequence calls it or how many key
     * items the catalogue has. Twenty key items of ten stepped parts, sixty calls in one consequence.
     */
    @Test
    void rectifyingRepeatedly_doesNotRunOneFiringFarPastTheDeadline() throws IOException {
        RulePack pack = RulePack.load(floorPlanPack(20, 60));
        Assessor assessor = Assessor.of(pack);
        Measured<Outcome> run = measured(() -> assessor.assess(MiniPack.json(MiniPack.base())));
        assertTrue(run.millis < FAR_PAST.toMillis(), "one firing of Tally.rectifyKeyItemsBelow took " + run.millis
                + " ms against a " + RunLimits.DEFAULT.deadline().toMillis() + " ms deadline");
    }

    // ------------------------------------------------------------------ the pack's own tests (tests/*.yaml)

    /**
     * An expected figure such as {@code 1e300000000} is a cheap BigDecimal, but the runner prints
     * it with {@code toPlainString()} when the comparison fails: 300 million digits, copied into the
     * failure, the problem and the log message, inside the JVM that serves assessments. (With
     * {@code 1e999999999} the watcher's check ends in OutOfMemoryError.)
     */
    @Test
    void packTest_aHugeExpectedFigure_isReadWithoutTakingTheHeap() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put("tests/base-county.json", MiniPack.json(MiniPack.base()).getBytes(StandardCharsets.UTF_8));
        files.put("tests/attack.yaml", "cases:\n  - name: huge\n    expect:\n      totalScore: 1e300000000\n"
                .getBytes(StandardCharsets.UTF_8));
        PackFiles pack = PackFiles.of("memory:huge", files);
        PackTestRunner runner = PackSuite.runner(MiniPack.pack());
        runner.run(new CaseReader().read(PackFiles.of("memory:warm", Map.of(
                "tests/base-county.json", files.get("tests/base-county.json"),
                "tests/warm.yaml", "cases:\n  - name: warm\n    expect:\n      totalScore: 21\n".getBytes(StandardCharsets.UTF_8)))));
        // what PackWatcher runs in the serving JVM before it accepts a change: the figure is refused
        // from its digits and exponent, never written out
        Measured<Boolean> run = measured(() -> {
            try {
                return runner.run(new CaseReader().read(pack)).get(0).passed();
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().contains("out of range"), refused.getMessage());
                return false;
            }
        });
        assertFalse(run.value);
        assertTrue(run.allocated < BUDGET, "running one test case allocated " + (run.allocated >> 20) + " MiB ("
                + run.millis + " ms)");
    }

    /** {@code 1e2147483647}: toPlainString overflows and throws out of checkNow; the change is never refused. */
    @Test
    void packTest_anExpectedFigureBeyondAnyString_isRefusedNotThrown(@TempDir Path dir) throws IOException {
        Path pack = MiniPack.copyTo(dir.resolve("mini"));
        LiveAssessor live = LiveAssessor.of(MiniPack.pack());
        List<List<Problem>> refused = new ArrayList<>();
        try (PackWatcher watcher = PackWatcher.follow(pack, live, Duration.ofHours(1), PackPolicy.any(),
                listener(refused))) {
            writeTests(pack, "cases:\n  - name: beyond\n    expect:\n      totalScore: 1e2147483647\n");
            PackWatcher.Change change;
            try {
                change = watcher.checkNow();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("checking the changed pack threw " + e + " instead of refusing it");
            }
            assertEquals(PackWatcher.Change.REFUSED, change);
            assertEquals(1, refused.size());
        }
    }

    /**
     * Every case is built from its own deep copy of the base submission, and all of them are kept
     * until the run: ten thousand one-line cases ({@code - {}}) over a base with a 20,000-entry
     * array hold ~10,000 copies of it. Nothing limits the number of cases.
     */
    @Test
    void packTest_manyCases_areRefusedOrReadWithinABudget() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        ObjectNode base = MiniPack.base();
        var padding = base.putArray("padding");
        for (int i = 0; i < 20_000; i++) {
            padding.add(0);
        }
        files.put("tests/base-county.json", MiniPack.json(base).getBytes(StandardCharsets.UTF_8));
        files.put("tests/many.yaml", ("cases:\n" + "  - {}\n".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        PackFiles pack = PackFiles.of("memory:many", files);
        Measured<Integer> read = measured(() -> {
            try {
                return new CaseReader().read(pack).size();
            } catch (IllegalArgumentException refused) {
                return -1; // refused: safe
            }
        });
        assertTrue(read.value < 0 || read.allocated < BUDGET, "reading " + read.value + " test cases allocated "
                + (read.allocated >> 20) + " MiB");
    }

    // ------------------------------------------------------------------ what a person sees

    /**
     * plainText refuses bidi controls, LRM/RLM, U+2028/9 and a BOM inside the file, but not the
     * other invisible characters: {@code "A.1<ZWSP>"} looks like {@code "A.1"} and matches nothing.
     */
    @Test
    void invisibleCharactersInAStringLiteral_areRefused() {
        for (String invisible : List.of("\u200B", "\u200D", "\u2060", "\u00AD", "\uFE0F")) {
            String drl = String.join("\n",
                    "package mini.toy",
                    "import org.safecounty.facts.Indicator;",
                    "rule \"looks like A.1\"",
                    "when",
                    "    $i : Indicator( id == \"A.1" + invisible + "\" )",
                    "then",
                    "    $i.getMax();",
                    "end",
                    "");
            List<Problem> problems = new RuleVerifier().check("rules/x.drl", drl);
            assertFalse(problems.isEmpty(), String.format("U+%04X in a string literal passed the verifier",
                    (int) invisible.charAt(0)));
        }
    }

    // ------------------------------------------------------------------ defences that held (passing)

    /** A number that is not an int compiles to a Double (or Long): Double.valueOf is not vocabulary. */
    @Test
    void aDecimalNumberLiteralInAConsequence_isRefused() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "import org.safecounty.facts.Reading;",
                "rule \"decimal literal\"",
                "    salience 100",
                "when",
                "    $i : Indicator( id == \"A.3\" )",
                "then",
                "    Reading one = $i.value(\"a.checks\");",
                "    Reading big = $i.per(one, one, 1" + "0".repeat(300) + ".0);",
                "end",
                "");
        RulePackException e = assertInstanceOf(RulePackException.class, loadCatching(withFile("decimal.drl", drl)));
        assertTrue(e.problems().stream().anyMatch(p -> p.path().equals("rules/decimal.drl:10")
                && p.en().contains("out of the range rules allow")), e.problems().toString());
    }

    /**
     * The executable model names each rule's class after the rule, writing a space as {@code _32}
     * and a dot as {@code _46}: a rule named {@code B_462_32share_32ok} gets the same Java name as
     * {@code B.2 share ok}. Both stay in the rule base, and the pristine verdict stands.
     */
    @Test
    void aRuleNamedLikeAnothersGeneratedName_doesNotReplaceIt() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule \"B_462_32share_32ok\"",
                "    salience 5000",
                "when",
                "    $t : Tally()",
                "then",
                "    $t.getTotal();",
                "end",
                "");
        RulePack pack = RulePack.load(withFile("twin.drl", drl));
        assertTrue(pack.ruleNames().containsAll(List.of("B.2 share ok", "B_462_32share_32ok")), pack.ruleNames().toString());
        Outcome outcome = Assessor.of(pack).assess(MiniPack.json(MiniPack.base()));
        assertEquals(MiniPack.assess(MiniPack.base()).verdict(),
                assertInstanceOf(Outcome.Assessed.class, outcome).result().verdict());
    }

    /**
     * Pooled sessions across a parallel batch: a consequence that throws for some counties, and
     * one that rectifies others, leave nothing behind; every county gets what it gets alone. The
     * failing rule and A.2's own rule share an activation group, so that the plan is whole: one of
     * them scores A.2 for each county.
     */
    @Test
    void aRuleFailingForSomeCountiesInAParallelBatch_leavesTheOthersUntouched() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "import org.safecounty.facts.Tally;",
                "import org.safecounty.facts.Reading;",
                "global org.safecounty.facts.Parameters params;",
                "rule \"fails for few checks\"",
                "    activation-group \"A.2\"",
                "    salience 50",
                "when",
                "    $i : Indicator( id == \"A.2\", value(\"a.checks\").below(600) )",
                "then",
                "    $i.profile(\"nope\");",
                "end",
                "rule \"A.2 hours\"",
                "    activation-group \"A.2\"",
                "when",
                "    $i : Indicator( id == \"A.2\" )",
                "then",
                "    $i.award( $i.proportional( $i.value(\"a.hours\"), params.number(\"A.2.points\"), params.number(\"A.2.target\") ) );",
                "end",
                "rule \"rectifies early\"",
                "    salience 50",
                "when",
                "    $t : Tally( total < 18 )",
                "then",
                "    $t.rectifyKeyItemsBelow(1);",
                "    $t.rectifyTotalTo(1);",
                "end",
                "");
        Assessor assessor = Assessor.of(RulePack.load(BoundaryAttackTest.insteadOf("A.2", "flaky.drl", drl)));
        List<String> kinds = List.of(MiniPack.json(MiniPack.base()),
                MiniPack.json(MiniPack.set(MiniPack.base(), "a.checks", 500)),
                MiniPack.json(MiniPack.set(MiniPack.base(), "a.plan", false)),
                MiniPack.json(MiniPack.set(MiniPack.base(), "s.score", 40)),
                MiniPack.json(MiniPack.remove(MiniPack.base(), "b.total")),
                MiniPack.json(MiniPack.incidents(MiniPack.base(), MiniPack.incident("i1", "2020-01-01", "I", 1, false))));
        Map<String, String> alone = new HashMap<>();
        kinds.forEach(k -> alone.put(k, assessor.assess(k).toString()));
        Random random = new Random(7);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(kinds.get(random.nextInt(kinds.size())));
        }
        List<Outcome> outcomes = assessor.assessAll(batch);
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(alone.get(batch.get(i)), outcomes.get(i).toString(), "county " + i + " of the batch");
        }
        assertEquals(List.of(), ExitAndExecGuard.ATTEMPTS);
    }

    // ------------------------------------------------------------------ helpers

    /** A verified rule on A.3 that squares a reading {@code k} times ({@code 2k + 2} statements). */
    static String squaring(int k) {
        StringBuilder drl = new StringBuilder(String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "import org.safecounty.facts.Reading;",
                "rule \"squaring\"",
                "    salience 100",
                "when",
                "    $i : Indicator( id == \"A.3\" )",
                "then",
                "    Reading one = $i.value(\"a.checks\");",
                "    Reading x0 = $i.per(one, one, 2147483647);",
                ""));
        for (int n = 0; n < k; n++) {
            drl.append("    Reading y").append(n).append(" = $i.ratio(one, x").append(n).append(");\n");
            drl.append("    Reading x").append(n + 1).append(" = $i.ratio(x").append(n).append(", y").append(n)
                    .append(");\n");
        }
        return drl.append("end\n").toString();
    }

    /**
     * The mini pack with a task C of {@code keyItems} key indicators, each scored by ten stepped
     * parts that reach the floor only together (twenty bands of 0.01 to 0.2 points, a rule for each
     * item), and a rule that calls {@code Tally.rectifyKeyItemsBelow} {@code calls} times before the verdict is decided.
     */
    static PackFiles floorPlanPack(int keyItems, int calls) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        StringBuilder bands = new StringBuilder("zz.bands:\n  zh: 分档\n  en: bands\n  ref: x\n  bands:\n");
        for (int i = 0; i < 20; i++) {
            bands.append("    - { atLeast: ").append(3900 - 100 * i).append(", points: ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", 0.2 - 0.01 * i)).append(" }\n");
        }
        files.put("parameters.yaml", (text(files, "parameters.yaml") + bands).getBytes(StandardCharsets.UTF_8));
        StringBuilder task = new StringBuilder("  - id: C\n    zh: 丙\n    en: C\n    max: " + 4 * keyItems
                + "\n    indicators:\n");
        for (int k = 1; k <= keyItems; k++) {
            task.append("      - { id: C.").append(k).append(", max: 4, keyItem: true, zh: 丙, en: C }\n");
        }
        files.put("pack.yaml", text(files, "pack.yaml").replace("\nbonus:", task + "\nbonus:")
                .getBytes(StandardCharsets.UTF_8));
        // one rule for each C item (a pack loads only with one rule per item of its catalogue)
        StringBuilder c = new StringBuilder(String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "global org.safecounty.facts.Parameters params;",
                ""));
        for (int k = 1; k <= keyItems; k++) {
            c.append("rule \"C.").append(k).append(" item\"\nwhen\n    $i : Indicator( id == \"C.").append(k)
                    .append("\" )\nthen\n");
            for (int i = 0; i < 10; i++) {
                c.append("    $i.award( $i.stepped( $i.value(\"a.checks\"), params.bands(\"zz.bands\") ) );\n");
            }
            c.append("end\n");
        }
        files.put("rules/task-c.drl", c.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder plan = new StringBuilder(String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "global org.safecounty.facts.Parameters params;",
                "rule \"plan again and again\"",
                "    salience 1000",
                "when",
                "    $t : Tally()",
                "then",
                ""));
        for (int i = 0; i < calls; i++) {
            plan.append("    $t.rectifyKeyItemsBelow( params.number(\"key_item_floor\") );\n");
        }
        files.put("rules/zz-plan.drl", plan.append("end\n").toString().getBytes(StandardCharsets.UTF_8));
        return PackFiles.of("memory:floor-plan", files);
    }

    private static String text(Map<String, byte[]> files, String path) {
        return new String(files.get(path), StandardCharsets.UTF_8);
    }

    private static void writeTests(Path pack, String yaml) throws IOException {
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/base-county.json"), MiniPack.json(MiniPack.base()));
        Files.writeString(pack.resolve("tests/attack.yaml"), yaml);
    }

    private static PackWatcher.Listener listener(List<List<Problem>> refused) {
        return new PackWatcher.Listener() {
            @Override
            public void accepted(RulePack pack) {
            }

            @Override
            public void refused(List<Problem> problems) {
                refused.add(problems);
            }
        };
    }

    static PackFiles withFile(String name, String drl) throws IOException {
        return BoundaryAttackTest.withFile(name, drl);
    }

    private static Throwable loadCatching(PackFiles files) {
        return BoundaryAttackTest.loadCatching(files);
    }

    /** A value with the wall-clock time and the bytes the current thread allocated to get it. */
    record Measured<T>(T value, long millis, long allocated) {
    }

    static <T> Measured<T> measured(Supplier<T> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        long start = System.nanoTime();
        T value = work.get();
        return new Measured<>(value, (System.nanoTime() - start) / 1_000_000, threads.getThreadAllocatedBytes(id) - before);
    }
}
