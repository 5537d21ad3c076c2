package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.objectweb.asm.Opcodes;
import org.safecounty.MiniPack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * A compiled form ({@link RuleCompiler#load}) makes the same rule base as compiling, without
 * compiling, and is trusted no further than the bytecode and rule-base checks prove.
 */
class CompiledFormTest {

    private static final ClassLoader LOADER = CompiledFormTest.class.getClassLoader();
    private static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "safecounty-compiled-form");
    private static PackFiles files;
    private static RuleCompiler.Compiled compiled;

    @BeforeAll
    static void compile() throws IOException {
        Files.createDirectories(DIR);
        ExitAndExecGuard.stand();
        files = PackFiles.fromDirectory(MiniPack.dir());
        compiled = new RuleCompiler().compile(files, MiniPack.ID, new RuleClassLoader(LOADER));
        assertEquals(List.of(), compiled.problems());
        assertNotNull(compiled.form(), "a pack just compiled has a compiled form");
    }

    @AfterAll
    static void unguard() {
        ExitAndExecGuard.standDown();
        compiled.container().dispose();
    }

    @BeforeEach
    void clean() throws IOException {
        ExitAndExecGuard.ATTEMPTS.clear();
        try (var list = Files.list(DIR)) {
            for (Path p : list.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<String> ruleNames(RuleCompiler.Compiled c) {
        return c.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(r -> r.getName()).sorted()
                .toList();
    }

    @Test
    void theForm_makesTheSameRuleBase_andLeavesNoModuleInTheRepository() {
        RuleCompiler.Compiled loaded = new RuleCompiler().load(compiled.form(), files, MiniPack.ID, new RuleClassLoader(LOADER));
        try {
            assertEquals(List.of(), loaded.problems());
            assertEquals(ruleNames(compiled), ruleNames(loaded));
            assertNull(KieServices.Factory.get().getRepository().getKieModule(loaded.module()));
        } finally {
            loaded.container().dispose();
        }
    }

    /**
     * Nothing is compiled: the rule files given beside the form are not rule text at all, and the
     * rule base is made all the same (they serve only to name the packages the classes may be in).
     */
    @Test
    void theForm_isNotCompiled_theRuleTextIsNotEvenRead() {
        Map<String, byte[]> garbled = new TreeMap<>(files.all());
        for (String path : files.ruleFiles()) {
            garbled.put(path, "package mini.toy;\nthis is not a rule language }}} rule \"x\" when".getBytes(StandardCharsets.UTF_8));
        }
        PackFiles notRules = PackFiles.of("memory:garbled", garbled);
        assertFalse(new RuleCompiler().compile(notRules, MiniPack.ID, new RuleClassLoader(LOADER)).problems().isEmpty(),
                "control: the garbled files do not compile");
        RuleCompiler.Compiled loaded = new RuleCompiler().load(compiled.form(), notRules, MiniPack.ID, new RuleClassLoader(LOADER));
        try {
            assertEquals(List.of(), loaded.problems());
            assertEquals(ruleNames(compiled), ruleNames(loaded));
        } finally {
            loaded.container().dispose();
        }
    }

    @Test
    void theForm_holdsOnlyClassesAndTheEnginesTwoLists() throws IOException {
        for (String name : HostileForms.entries(compiled.form()).keySet()) {
            assertTrue(name.endsWith(".class") || name.equals("META-INF/kie/org.safecounty.pack/mini-toy/drools-model")
                    || name.equals("META-INF/kie/org.safecounty.pack/mini-toy/generated-class-names"), name);
        }
    }

    @Test
    void anEntryTheLoaderDoesNotExpect_refusesTheForm() throws IOException {
        for (String extra : List.of("META-INF/kmodule.xml", "mini/toy/task-a.drl", "mini/toy/x.properties",
                "../mini/toy/Up.class", "META-INF/kie/org.safecounty.pack/other/drools-model")) {
            Map<String, byte[]> entries = HostileForms.entries(compiled.form());
            entries.put(extra, "<kmodule/>".getBytes(StandardCharsets.UTF_8));
            List<Problem> problems = new RuleCompiler().load(HostileForms.form(entries), files, MiniPack.ID,
                    new RuleClassLoader(LOADER)).problems();
            assertEquals(1, problems.size(), extra);
            assertEquals("COMPILED_FORM", problems.get(0).code(), extra);
        }
    }

    @Test
    void aDamagedForm_givesAProblem_neverAnException() {
        byte[] form = compiled.form();
        for (byte[] damaged : List.of(Arrays.copyOf(form, form.length / 2), new byte[0], "not a zip".getBytes(StandardCharsets.UTF_8))) {
            RuleCompiler.Compiled loaded = new RuleCompiler().load(damaged, files, MiniPack.ID, new RuleClassLoader(LOADER));
            assertFalse(loaded.problems().isEmpty());
            assertNull(loaded.kieBase());
        }
    }

    /**
     * Control for the attacks below: a class added to the form and listed among its rule classes
     * is initialised while the rule base is made (its initialiser here only throws, which the
     * bytecode check allows in the engine's scaffolding), so an initialiser that reached further
     * would run at load if nothing refused it first.
     */
    @Test
    void control_anAddedRuleClass_isInitialisedAtLoad() throws IOException {
        byte[] form = HostileForms.withClass(compiled.form(), "mini/toy/Planted", mv -> {
            mv.visitTypeInsn(Opcodes.NEW, "java/lang/RuntimeException");
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn("the planted initialiser ran");
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/RuntimeException", "<init>", "(Ljava/lang/String;)V", false);
            mv.visitInsn(Opcodes.ATHROW);
        });
        List<Problem> problems = new RuleCompiler().load(form, files, MiniPack.ID, new RuleClassLoader(LOADER)).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("COMPILED_FORM", problems.get(0).code());
    }

    @Test
    void aClassThatRunsACommand_isRefusedByTheBytecodeCheck_beforeItIsDefined() throws IOException {
        Path marker = DIR.resolve("exec-marker");
        byte[] form = HostileForms.withClass(compiled.form(), "mini/toy/Planted", HostileForms.exec(marker.toString()));
        List<Problem> problems = new RuleCompiler().load(form, files, MiniPack.ID, new RuleClassLoader(LOADER)).problems();
        assertEquals(List.of(), ExitAndExecGuard.ATTEMPTS, "the planted class tried to run a command");
        assertFalse(Files.exists(marker));
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("SANDBOX") && p.en().contains("java.lang.Runtime.exec")),
                problems.toString());
    }

    @Test
    void aClassThatEndsTheJvmThroughAMethodReference_isRefusedByTheBytecodeCheck() throws IOException {
        byte[] form = HostileForms.withClass(compiled.form(), "mini/toy/Planted", HostileForms.exitThroughMethodReference());
        List<Problem> problems = new RuleCompiler().load(form, files, MiniPack.ID, new RuleClassLoader(LOADER)).problems();
        assertEquals(List.of(), ExitAndExecGuard.ATTEMPTS, "the planted class tried to end the JVM");
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("SANDBOX") && p.en().contains("java.lang.System.exit")),
                problems.toString());
    }

    @Test
    void aClassOutsideThePacksPackages_isRefused() throws IOException {
        byte[] form = HostileForms.withClass(compiled.form(), "org/safecounty/facts/Planted", mv -> { });
        List<Problem> problems = new RuleCompiler().load(form, files, MiniPack.ID, new RuleClassLoader(LOADER)).problems();
        assertTrue(problems.stream().anyMatch(p -> p.code().equals("SANDBOX") && p.en().contains("outside the packages")),
                problems.toString());
    }
}
