package org.safecounty.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.pack.PackFiles;
import org.safecounty.facts.CountyFacts;
import org.safecounty.facts.EvidenceCounter;
import org.safecounty.facts.Profile;
import org.safecounty.submission.Submission;
import org.safecounty.validation.Problem;
import org.safecounty.validation.SubmissionReader;

/**
 * Rule files are code; none of these escapes may run. Each is refused twice over: by the source
 * check when the pack is loaded (file, line and what was refused), and, with that check bypassed,
 * by the class loader the rules are compiled in. A security manager stands guard during the test
 * so that an escape that got through would fail the test instead of ending the JVM.
 */
class SandboxTest {

    static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "safecounty-sandbox-escaped");

    static SecurityManager previous;

    @BeforeAll
    @SuppressWarnings("removal")
    static void guard() throws IOException {
        Files.deleteIfExists(MARKER);
        previous = System.getSecurityManager();
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkExit(int status) {
                throw new SecurityException("a rule tried to end the JVM");
            }

            @Override
            public void checkExec(String cmd) {
                throw new SecurityException("a rule tried to run " + cmd);
            }

            @Override
            public void checkPermission(Permission perm) {
                // everything else is allowed: the guard is only for exit and exec
            }
        });
    }

    @AfterAll
    @SuppressWarnings("removal")
    static void unguard() {
        System.setSecurityManager(previous);
    }

    static List<Arguments> escapes() {
        return List.of(
                Arguments.of("System.exit", "java", "System.exit(3);", "System"),
                Arguments.of("java.io.File", "java", "new java.io.File(\"" + MARKER + "\").createNewFile();", "java.io.File"),
                Arguments.of("java.nio.file.Files", "java",
                        "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + MARKER + "\"), \"x\");", "java.nio.file.Files"),
                Arguments.of("Runtime.exec", "java", "Runtime.getRuntime().exec(\"touch " + MARKER + "\");", "Runtime"),
                Arguments.of("reflection", "java",
                        "Class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null);", "Class"),
                Arguments.of("Thread", "java", "new Thread(() -> {}).start();", "Thread"),
                Arguments.of("java.util.prefs", "java", "java.util.prefs.Preferences.userRoot().put(\"k\", \"v\");",
                        "java.util.prefs.Preferences"),
                Arguments.of("java.util.logging.FileHandler", "java",
                        "new java.util.logging.FileHandler(\"" + MARKER + "\");", "java.util.logging.FileHandler"),
                Arguments.of("MVEL getClass()", "mvel",
                        "$i.getClass().forName(\"java.lang.System\").getMethod(\"exit\", int).invoke(null, 3);", "getClass"),
                Arguments.of("MVEL System", "mvel", "System.exit(3);", "System"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void loading_refusesTheEscapeNamingFileLineAndWhat(String escape, String dialect, String code, String what) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(withRule(dialect, code)));
        List<Problem> sandbox = e.problems().stream().filter(p -> p.code().equals("SANDBOX")).toList();
        assertFalse(sandbox.isEmpty(), e.problems().toString());
        assertTrue(sandbox.stream().anyMatch(p -> p.path().startsWith("rules/escape.drl:") && p.en().contains(what)
                        || p.path().startsWith("rules/escape.drl:") && what.contains(".") && p.en().contains(what)),
                sandbox.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void compiling_withTheSourceCheckBypassed_theClassLoaderStopsIt(String escape, String dialect, String code,
                                                                    String what) throws IOException {
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(withRule(dialect, code), "mini-toy",
                new RuleClassLoader(SandboxTest.class.getClassLoader()));
        if (compiled.problems().isEmpty()) {
            // it compiled: then running it must not escape either, and gives a rule failure
            RulePack pack = MiniPack.pack();
            Evaluator evaluator = new Evaluator(compiled.kieBase(), compiled.container(), pack.catalogue(),
                    pack.parameters());
            Evaluator.Evaluation evaluation = evaluator.evaluate(facts(pack));
            assertEquals("RULE_FAILED", evaluation.problems().get(0).code(), evaluation.problems().toString());
        } else {
            assertTrue(compiled.problems().stream().allMatch(p -> p.code().equals("RULE_COMPILE")));
        }
        assertFalse(Files.exists(MARKER), escape + " wrote a file");
    }

    private static CountyFacts facts(RulePack pack) {
        Submission s = new SubmissionReader().read(MiniPack.json(MiniPack.base()),
                id -> Optional.of(pack.catalogue().keys())).submission().orElseThrow();
        EvidenceCounter.Counted counted = new EvidenceCounter(pack.catalogue().counting(), pack.parameters()).count(s);
        var c = s.county();
        var a = s.assessment();
        return new CountyFacts(new Profile(c.code(), c.name(), c.city(), c.population(), c.townships(), c.villages(),
                a.year(), a.date(), a.mode()), counted.measures(), counted.incidents(), pack.catalogue().keys());
    }

    private static PackFiles withRule(String dialect, String code) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        String drl = String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "rule \"escape\"",
                "    dialect \"" + dialect + "\"",
                "when",
                "    $i : Indicator( id == \"A.1\" )",
                "then",
                "    " + code,
                "end",
                "");
        files.put("rules/escape.drl", drl.getBytes(StandardCharsets.UTF_8));
        return PackFiles.of("memory:escape", files);
    }
}
