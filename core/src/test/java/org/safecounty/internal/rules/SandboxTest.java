package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.safecounty.facts.CountyFacts;
import org.safecounty.facts.EvidenceCounter;
import org.safecounty.facts.Profile;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.Problem;
import org.safecounty.submission.Submission;

/**
 * Rule files are code; none of these escapes may run. Each is refused twice over: by the source
 * check when the pack is loaded (file, line and what was refused), and, with that check bypassed,
 * by the class loader the rules are compiled in. A security manager stands guard during the test
 * so that an escape that got through would fail the test instead of ending the JVM.
 */
class SandboxTest {

    static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "safecounty-sandbox-escaped");

    @BeforeAll
    static void guard() throws IOException {
        Files.deleteIfExists(MARKER);
        ExitAndExecGuard.ATTEMPTS.clear();
        ExitAndExecGuard.stand();
    }

    @AfterAll
    static void unguard() {
        ExitAndExecGuard.standDown();
        // an attempt that was refused is a hole all the same
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), ExitAndExecGuard.ATTEMPTS);
    }

    static List<Arguments> escapes() {
        return List.of(
                Arguments.of("System.exit", "java", "System.exit(3);", "System"),
                Arguments.of("java.io.File", "java", "new java.io.File(\"" + MARKER + "\").createNewFile();", "new"),
                Arguments.of("java.nio.file.Files", "java",
                        "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + MARKER + "\"), \"x\");", "java"),
                Arguments.of("Runtime.exec", "java", "Runtime.getRuntime().exec(\"touch " + MARKER + "\");", "Runtime"),
                Arguments.of("reflection", "java",
                        "Class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null);", "Class"),
                Arguments.of("getClass on a fact", "java",
                        "$i.getClass().getClassLoader().loadClass(\"java.lang.Runtime\");", "getClass"),
                Arguments.of("Thread", "java", "new Thread(() -> {}).start();", "\"-\""),
                Arguments.of("java.util.prefs", "java", "java.util.prefs.Preferences.userRoot().put(\"k\", \"v\");",
                        "java"),
                Arguments.of("java.util.logging.FileHandler", "java",
                        "new java.util.logging.FileHandler(\"" + MARKER + "\");", "new"),
                Arguments.of("the drools handle", "java", "drools.getKieRuntime().getKieBase().removeRule(\"mini.toy\", \"x\");",
                        "drools"),
                Arguments.of("MVEL getClass()", "mvel",
                        "$i.getClass().forName(\"java.lang.System\").getMethod(\"exit\", int).invoke(null, 3);", "mvel"),
                Arguments.of("MVEL System", "mvel", "System.exit(3);", "mvel"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void loading_refusesTheEscapeNamingFileLineAndWhat(String escape, String dialect, String code, String what) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(withRule(dialect, code)));
        // refused by the verifier, before compiling: at the file and line, naming what it refused
        assertTrue(e.problems().stream().anyMatch(p -> p.path().matches("rules/escape\\.drl:[0-9]+")
                && (p.code().equals("SANDBOX") || p.code().equals("RULE_COMPILE")) && p.en().contains(what)),
                e.problems().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void compiling_withTheVerifierBypassed_theBytecodeCheckOrTheCompilerStopsIt(String escape, String dialect,
                                                                                String code, String what) throws IOException {
        // compileUnverified skips the rule-language check: each escape must still be refused
        // before any of it runs — by the bytecode check, or because it does not compile in the
        // loader that lends only the vocabulary
        RuleCompiler.Compiled compiled = new RuleCompiler().compileUnverified(withRule(dialect, code), "mini-toy",
                new RuleClassLoader(SandboxTest.class.getClassLoader()));
        assertFalse(compiled.problems().isEmpty(), escape + " compiled");
        assertTrue(compiled.problems().stream().allMatch(p -> p.code().equals("RULE_COMPILE")
                || p.code().equals("SANDBOX")), compiled.problems().toString());
        assertFalse(Files.exists(MARKER), escape + " wrote a file");
    }

    static CountyFacts facts(RulePack pack) {
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
