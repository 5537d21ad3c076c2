package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.Verdict;

/**
 * Red-team inputs against the claim that a rule pack, however edited, cannot act outside the rule
 * vocabulary. Each test asserts the SAFE behaviour, so a test that fails is a hole:
 *
 * <ul>
 *   <li>a rule name or an {@code activation-group} is pasted, unescaped, into the Java the
 *       executable model generates (a Javadoc comment and string literals): a name holding
 *       {@code *}{@code /} or {@code "} adds Java members or expressions to the generated rule
 *       class, which BytecodeCheck reads as "model-building scaffold" and lets call anything through
 *       a method reference ({@code invokedynamic} to {@code LambdaMetafactory}, whose target method
 *       is never checked), and the class is initialised while the KieBase is built;</li>
 *   <li>a rule annotation's value is evaluated with MVEL by Drools while it compiles, before any
 *       bytecode is checked; the verifier never looks at annotations;</li>
 *   <li>with the verifier bypassed, a {@code function} body is scaffold too, and a consequence may
 *       allocate arrays of any size;</li>
 *   <li>with that code, a pack changes what a pristine pack already loaded in the same JVM decides,
 *       and the results still name the pristine digest;</li>
 *   <li>pure vocabulary: one firing may run as long, and allocate as much, as it likes (the deadline
 *       is looked at only between firings); a deeply nested constraint overflows the stack in the
 *       verifier's own parse, and a long rule name in RuleParameters' regex: Errors, not problems.</li>
 * </ul>
 *
 * A security manager records (and refuses) any attempt to end the JVM or start a process, so that
 * an escape that got through fails the test instead of ending the run. Markers are files under
 * {@link #DIR}. The class is public so that MVEL, run by a payload, can reach {@link #victim}.
 */
public class BoundaryAttackTest {

    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "safecounty-boundary-attack");

    /** Exits and process starts a pack attempted (the guard refuses them). */
    static final List<String> ATTEMPTS = ExitAndExecGuard.ATTEMPTS;

    /** A pristine pack another pack's code reaches in {@link #anotherPacksCode_cannotChangeThePristinePacksVerdict}. */
    public static volatile RulePack victim;

    @BeforeAll
    static void guard() throws IOException {
        Files.createDirectories(DIR);
        ExitAndExecGuard.stand();
    }

    @AfterAll
    static void unguard() {
        ExitAndExecGuard.standDown();
    }

    @BeforeEach
    void clean() throws IOException {
        ATTEMPTS.clear();
        try (var files = Files.list(DIR)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------ code in the rule name

    /**
     * The executable model writes {@code /** Rule name: <name> *}{@code /} above each rule's method.
     * A name holding {@code *}{@code /} ends that comment: what follows is Java in the generated
     * class. Here: two interfaces and a static initialiser that evaluates MVEL (through the
     * {@code org.drools.mvel} evaluator, which the class loader lends because it is "the engine")
     * to create a file. No double quote is needed (strings are built from chars), so the same name
     * is still a valid string literal in {@code D.rule("mini.toy", "<name>")}. The verifier passes
     * the file, BytecodeCheck passes the class (calls through method references are not checked),
     * and the initialiser runs when the KieBase is built: at load.
     */
    @Test
    void ruleName_closingTheGeneratedJavadoc_cannotRunCode() throws IOException {
        Path marker = DIR.resolve("javadoc-name");
        String drl = rule(javadocName(mvelStatic("new java.io.File('" + marker + "').createNewFile()")), "Tally()",
                "$t.getTotal();");
        Throwable thrown = loadCatching(withFile("inject.drl", drl));
        assertFalse(Files.exists(marker), "a rule name wrote " + marker + " while the pack was loaded");
        assertRefusedAt(thrown, "inject.drl");
    }

    /** The same name, ending the JVM instead: {@code List.of(3).forEach(System::exit)} passes BytecodeCheck. */
    @Test
    void ruleName_closingTheGeneratedJavadoc_cannotEndTheJvm() throws IOException {
        String drl = rule(javadocName("static { java.util.List.of(3).forEach(System::exit); }"), "Tally()",
                "$t.getTotal();");
        Throwable thrown = loadCatching(withFile("inject.drl", drl));
        assertEquals(List.of(), ATTEMPTS, "a rule name tried to end the JVM while the pack was loaded");
        assertRefusedAt(thrown, "inject.drl");
    }

    /**
     * The name is also pasted unescaped into {@code D.rule("mini.toy", "<name>")}: a name holding a
     * quote (written {@code \"} in the DRL) adds an expression to the rule-building method. An
     * anonymous class with member interfaces gets round "expressions only".
     */
    @Test
    void ruleName_closingTheGeneratedStringLiteral_cannotRunCode() throws IOException {
        Path marker = DIR.resolve("string-name");
        String expression = anonymousMvel("new java.io.File('" + marker + "').createNewFile()");
        String name = "x\\\" + " + expression + " + \\\"y";
        String drl = rule(name, "Tally()", "$t.getTotal();");
        Throwable thrown = loadCatching(withFile("inject.drl", drl));
        assertFalse(Files.exists(marker), "a rule name wrote " + marker + " while the pack was loaded");
        assertRefusedAt(thrown, "inject.drl");
    }

    /** {@code activation-group "<group>"} is pasted into a string literal the same way; the verifier allows any group. */
    @Test
    void activationGroup_closingTheGeneratedStringLiteral_cannotRunCode() throws IOException {
        Path marker = DIR.resolve("activation-group");
        String expression = anonymousMvel("new java.io.File('" + marker + "').createNewFile()");
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule \"grouped\"",
                "    activation-group \"g\\\" + " + expression + " + \\\"h\"",
                "when",
                "    $t : Tally()",
                "then",
                "    $t.getTotal();",
                "end",
                "");
        Throwable thrown = loadCatching(withFile("inject.drl", drl));
        assertFalse(Files.exists(marker), "an activation group wrote " + marker + " while the pack was loaded");
        assertRefusedAt(thrown, "inject.drl");
    }

    /**
     * Another pack's code changes a pristine, loaded pack's verdict: the result still names the
     * pristine pack's digest. (The static field only spares the payload a heap walk: any code with
     * reflection reaches what it likes.)
     */
    @Test
    void anotherPacksCode_cannotChangeThePristinePacksVerdict() throws IOException {
        victim = RulePack.load(MiniPack.dir());
        Assessor assessor = Assessor.of(victim);
        String digest = victim.standard().sha256();
        assertEquals("EXCELLENT", verdict(assessor.assess(MiniPack.json(MiniPack.base()))).code());
        // Drools' evaluator has no variables: foreach binds them
        String tamper = "foreach (p : [java.lang.Class.forName(\"" + BoundaryAttackTest.class.getName() + "\")"
                + ".getField(\"victim\").get(null).parameters()]) {"
                + " foreach (f : [p.getClass().getDeclaredField(\"byName\")]) { f.setAccessible(true);"
                + " foreach (m : [new java.util.LinkedHashMap(p.all())]) { foreach (o : [m.get(\"excellent_line\")]) {"
                + " m.put(\"excellent_line\", new org.safecounty.facts.Parameter(o.name(), o.zh(), o.en(), o.reference(),"
                + " new java.math.BigDecimal(\"999\"), null, null)); }"
                + " f.set(p, java.util.Collections.unmodifiableMap(m)); } } }; \"done\"";
        String drl = rule(javadocName(mvelStatic(tamper)), "Tally()", "$t.getTotal();");
        loadCatching(withFile("inject.drl", drl));
        Outcome after = assessor.assess(MiniPack.json(MiniPack.base()));
        assertEquals(digest, victim.standard().sha256());
        assertEquals("EXCELLENT", verdict(after).code(),
                "loading another pack changed the verdict of pack " + digest.substring(0, 12));
    }

    // ------------------------------------------------------------------ annotations: MVEL at compile time

    /**
     * {@code @info( <expression> )} on a rule: Drools evaluates the value with MVEL while it builds
     * the rule's metadata, outside any sandbox and before anything is checked. The verifier does
     * not look at annotations. The pack is then refused (the generated Java does not compile), but
     * the file has been written already.
     */
    @Test
    void ruleAnnotation_isNotEvaluatedWhileLoading() throws IOException {
        Path marker = DIR.resolve("annotation");
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule \"annotated\"",
                "    @info( new java.io.File(\"" + marker + "\").createNewFile() )",
                "when",
                "    $t : Tally()",
                "then",
                "    $t.getTotal();",
                "end",
                "");
        Throwable thrown = loadCatching(withFile("annotated.drl", drl));
        assertFalse(Files.exists(marker), "a rule annotation wrote " + marker + " while the pack was loaded");
        assertRefusedAt(thrown, "annotated.drl");
    }

    /** The same with the verifier bypassed: compiling alone runs it, before BytecodeCheck has a say. */
    @Test
    void ruleAnnotation_withTheVerifierBypassed_isNotEvaluatedWhileCompiling() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule \"annotated\"",
                "    @info( java.lang.Runtime.getRuntime().exec(\"true\") )",
                "when",
                "    $t : Tally()",
                "then",
                "    $t.getTotal();",
                "end",
                "");
        // Drools evaluates annotations while it builds, so the compiler verifies first and has no
        // way around it: the nearest thing to bypassing the verifier is calling the compiler itself
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(withFile("annotated.drl", drl), "mini-toy",
                new RuleClassLoader(BoundaryAttackTest.class.getClassLoader()));
        assertTrue(compiled.problems().stream().anyMatch(p -> p.path().startsWith("rules/annotated.drl:")),
                compiled.problems().toString());
        assertEquals(List.of(), ATTEMPTS, "compiling a rule annotation started a process");
    }

    // ------------------------------------------------------------------ verifier bypassed: BytecodeCheck alone

    /**
     * A {@code function} compiles to a static method that BytecodeCheck reads as scaffold, where
     * {@code invokedynamic LambdaMetafactory} is allowed with any target method:
     * {@code List.of(3).forEach(System::exit)} passes. The consequence may call it (calls to
     * generated classes are allowed).
     */
    @Test
    void function_withAMethodReference_isRefusedByTheBytecodeCheck() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "function String boom(String s) {",
                "    java.util.List.of(3).forEach(System::exit);",
                "    return s;",
                "}",
                "rule \"fn\"",
                "when",
                "    $i : Indicator( id == \"A.1\" )",
                "then",
                "    boom(\"x\");",
                "end",
                "");
        RuleCompiler.Compiled compiled = new RuleCompiler().compileUnverified(withFile("fn.drl", drl), "mini-toy",
                new RuleClassLoader(BoundaryAttackTest.class.getClassLoader()));
        if (compiled.problems().isEmpty()) {
            RulePack mini = MiniPack.pack();
            Evaluator.Evaluation e = new Evaluator(compiled.kieBase(), compiled.container(), mini.catalogue(),
                    mini.parameters()).evaluate(SandboxTest.facts(mini));
            assertEquals(List.of(), ATTEMPTS, "a function reached System.exit (outcome " + e.problems() + ")");
        }
        assertTrue(compiled.problems().stream().anyMatch(p -> p.code().equals("SANDBOX")), compiled.problems().toString());
    }

    /**
     * NEWARRAY, ANEWARRAY and MULTIANEWARRAY are not looked at: a consequence allocates what it likes
     * (here 2 GiB, which fits a default heap, so no OutOfMemoryError ends the county either).
     */
    @Test
    void consequence_allocatingAnArray_isRefusedOrBounded() throws IOException {
        String drl = rule("alloc", "Indicator( id == \"A.1\" )",
                "long[][] big = new long[1 << 14][1 << 14]; $i.getMax();").replace("Tally;", "Indicator;");
        RuleCompiler.Compiled compiled = new RuleCompiler().compileUnverified(withFile("alloc.drl", drl), "mini-toy",
                new RuleClassLoader(BoundaryAttackTest.class.getClassLoader()));
        if (compiled.problems().isEmpty()) {
            RulePack mini = MiniPack.pack();
            Evaluator evaluator = new Evaluator(compiled.kieBase(), compiled.container(), mini.catalogue(),
                    mini.parameters());
            long allocated = allocatedBy(() -> evaluator.evaluate(SandboxTest.facts(mini)));
            assertTrue(allocated < BUDGET, "one county's rules allocated " + allocated / (1 << 20) + " MiB");
        }
    }

    // ------------------------------------------------------------------ pure vocabulary (verifier passes)

    /**
     * Every statement is vocabulary: {@code ratio} joins its operands' labels, so twenty chained
     * ratios make a label of millions of characters, and each further ratio of it copies them. One
     * firing runs for tens of seconds; the 2 s deadline is looked at only after it.
     */
    @Test
    void aSingleLongFiring_endsAtTheDeadline() throws IOException {
        // as sent by the attacker (1,500 statements doubling a reading's labels): refused at load
        Throwable thrown = loadCatching(withFile("slow.drl", doubling(20, 1500)));
        assertRefusedAt(thrown, "slow.drl");
        // the longest consequence the language allows, doubling all the way: labels stay short,
        // and the run ends well inside the deadline (the rule takes A.1 over, so that the plan is whole)
        RulePack pack = RulePack.load(insteadOf("A.1", "slow.drl", doubling(20, RuleExpressions.MAX_STATEMENTS - 21)));
        Assessor assessor = Assessor.of(pack);
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assessor.assess(MiniPack.json(MiniPack.base())),
                "one firing ran past the 2 s deadline");
        if (outcome instanceof Outcome.Rejected rejected) {
            assertTrue(List.of("RULE_TIMEOUT", "RULE_FAILED", "RULE_MEMORY", "SCORED_TWICE")
                    .contains(rejected.problems().get(0).code()), rejected.problems().toString());
        }
    }

    /** Twenty-four chained ratios: a county's rules take gigabytes of the heap every county shares. */
    @Test
    void aCountysRules_cannotTakeTheSharedHeap() throws IOException {
        RulePack pack = RulePack.load(insteadOf("A.1", "greedy.drl", doubling(24, 1)));
        Assessor assessor = Assessor.of(pack);
        long allocated = allocatedBy(() -> assessor.assess(MiniPack.json(MiniPack.base())));
        assertTrue(allocated < BUDGET, "one county's rules allocated " + allocated / (1 << 20) + " MiB");
    }

    /** Deep parentheses overflow the stack in the verifier's own DRL parse; it escapes as an Error. */
    @Test
    void aDeeplyNestedConstraint_isAProblemNotAStackOverflow() throws IOException {
        int depth = 100_000;
        String drl = rule("deep", "Tally( " + "(".repeat(depth) + "vetoTriggered" + ")".repeat(depth) + " )",
                "$t.getTotal();");
        Throwable thrown = loadCatching(withFile("deep.drl", drl));
        assertInstanceOf(RulePackException.class, thrown, "loading threw " + thrown);
        assertTrue(((RulePackException) thrown).problems().stream().anyMatch(p -> p.path().startsWith("rules/deep.drl")),
                ((RulePackException) thrown).problems().toString());
    }

    /**
     * PlanCheck and RuleParameters find rule names with {@code "((?:[^"\\]|\\.)*)"}: Java's regex
     * recurses once per character of the alternation, so a rule name of a few thousand characters
     * throws StackOverflowError out of {@code RulePack.load} (after the rules were compiled and
     * their classes initialised).
     */
    @Test
    void aLongRuleName_isAProblemNotAStackOverflow() throws IOException {
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule \"" + "n".repeat(20_000) + "\"",
                "when",
                "    $t : Tally()",
                "then",
                "    $t.getTotal();",
                "end",
                "");
        Throwable thrown = loadCatching(withFile("long.drl", drl));
        assertTrue(thrown == null || thrown instanceof RulePackException, "loading threw " + thrown);
    }

    // ------------------------------------------------------------------ helpers

    /** What one county's rules may allocate before the run should be stopped: 512 MiB. */
    static final long BUDGET = 512L << 20;

    /**
     * A rule named {@code name} (in single quotes, which the DRL allows: a long name in double quotes
     * overflows the stack in {@code RuleParameters}, see {@link #aLongRuleName_isAProblemNotAStackOverflow})
     * with one pattern over Tally (bound as $t) or Indicator (bound as $i).
     */
    private static String rule(String name, String pattern, String consequence) {
        return String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Tally;",
                "rule '" + name + "'",
                "when",
                "    $" + (pattern.startsWith("Tally") ? "t" : "i") + " : " + pattern,
                "then",
                "    " + consequence,
                "end",
                "");
    }

    /** A rule name that closes the generated Javadoc, adds {@code members}, and reopens a comment. */
    private static String javadocName(String members) {
        return "x */ " + members + " /* y";
    }

    /** Members: two interfaces and a static initialiser that evaluates {@code mvel} through Drools' evaluator. */
    private static String mvelStatic(String mvel) {
        return INTERFACES + " static { " + evaluate(mvel) + "; }";
    }

    /** An expression: an anonymous class with the interfaces, whose method evaluates {@code mvel}. */
    private static String anonymousMvel(String mvel) {
        return "new Object() { " + INTERFACES + " String go() { return " + evaluate(mvel) + "; } }.go()";
    }

    private static final String INTERFACES = "interface Q0 { org.drools.mvel.util.MVELEvaluator f(); }"
            + " interface Q1 { String f(org.drools.mvel.util.MVELEvaluator e, String s); }";

    /** Java that evaluates {@code mvel}: every call goes through a method reference, none is a plain call. */
    private static String evaluate(String mvel) {
        return "((Q1) org.drools.mvel.util.MVELEvaluator::evalToString).f(((Q0) org.drools.mvel.MVELSafeHelper::getEvaluator).f(), "
                + chars(mvel) + ")";
    }

    /** A Java expression for {@code s} without a quote or backslash: {@code String.valueOf(new char[]{...})}. */
    private static String chars(String s) {
        return "String.valueOf(new char[]{" + s.chars().mapToObj(c -> "(char)" + c).collect(Collectors.joining(","))
                + "})";
    }

    /** A verified rule on A.1 that chains {@code depth} ratios of a reading with itself, then {@code more} of the last. */
    private static String doubling(int depth, int more) {
        StringBuilder drl = new StringBuilder(String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "import org.safecounty.facts.Reading;",
                "rule \"doubling\"",
                "when",
                "    $i : Indicator( id == \"A.1\" )",
                "then",
                "    Reading r0 = $i.value(\"a.checks\");",
                ""));
        IntStream.rangeClosed(1, depth).forEach(k -> drl.append("    Reading r").append(k).append(" = $i.ratio(r")
                .append(k - 1).append(", r").append(k - 1).append(");\n"));
        IntStream.range(1, more).forEach(k -> drl.append("    Reading x").append(k).append(" = $i.ratio(r")
                .append(depth).append(", r").append(depth).append(");\n"));
        return drl.append("end\n").toString();
    }

    static PackFiles withFile(String name, String drl) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put("rules/" + name, drl.getBytes(StandardCharsets.UTF_8));
        return PackFiles.of("memory:" + name, files);
    }

    /**
     * The mini pack with a rule file added whose rule scores {@code item} in place of the mini
     * pack's own rule for it: a pack loads only with one rule per item, so an attack that scores an
     * item takes it over to reach the compiler and the run.
     */
    static PackFiles insteadOf(String item, String name, String drl) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(withFile(name, drl).all());
        String scores = "Indicator( id == \"" + item + "\" )";
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.UTF_8);
            if (e.getKey().startsWith("rules/") && !e.getKey().equals("rules/" + name) && text.contains(scores)) {
                int start = text.lastIndexOf("\nrule ", text.indexOf(scores)) + 1;
                int end = text.indexOf("\nend\n", start) + "\nend\n".length();
                e.setValue((text.substring(0, start) + text.substring(end)).getBytes(StandardCharsets.UTF_8));
                return PackFiles.of("memory:" + name, files);
            }
        }
        throw new IllegalArgumentException("no rule of the mini pack scores " + item);
    }

    /** What loading threw, or {@code null} when the pack loaded. */
    static Throwable loadCatching(PackFiles files) {
        try {
            RulePack.load(files);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static void assertRefusedAt(Throwable thrown, String file) {
        RulePackException e = assertInstanceOf(RulePackException.class, thrown, "the pack loaded (or threw " + thrown + ")");
        assertTrue(e.problems().stream().anyMatch(p -> p.path().matches("rules/" + file.replace(".", "\\.") + ":[0-9]+")),
                "refused, but not by the verifier at a file and line: " + e.problems());
    }

    private static Verdict verdict(Outcome outcome) {
        return assertInstanceOf(Outcome.Assessed.class, outcome, () -> "rejected: " + outcome).result().verdict();
    }

    /** Bytes the current thread allocated while running {@code work}. */
    private static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
