package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.safecounty.MiniPack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * Compiling packs at run time. The compiler gives each build a random version under
 * {@code org.safecounty.pack:<pack id>}, so the tests look for any version left in the
 * {@code KieRepository} by asking for the version range {@code [0,)} (every version; {@code LATEST}
 * starts at 1.0 and would miss the compiler's {@code 0.0.<uuid>} versions).
 */
class RuleCompilerTest {

    private static final ClassLoader LOADER = RuleCompilerTest.class.getClassLoader();

    private static int ruleCount(RuleCompiler.Compiled compiled) {
        return compiled.kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    @Test
    void repositoryProbe_moduleLeftInRepository_isFound() {
        // control: a module built and not removed is found by its exact id, as the next test asks
        KieServices ks = KieServices.Factory.get();
        ReleaseId id = ks.newReleaseId("org.safecounty.pack", "probe-control", "0.0." + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        kfs.write("src/main/resources/rules/r.drl", "package probe\nrule \"r\" when then end\n");
        ks.newKieBuilder(kfs, LOADER).buildAll();
        try {
            assertNotNull(ks.getRepository().getKieModule(id));
        } finally {
            ks.getRepository().removeKieModule(id);
        }
        assertNull(ks.getRepository().getKieModule(id));
    }

    @Test
    void compile_samePackFiftyTimes_eachWorksAndNoModuleStaysInRepository() throws IOException {
        PackFiles files = PackFiles.fromDirectory(MiniPack.dir());
        for (int i = 0; i < 50; i++) {
            RuleCompiler.Compiled compiled = new RuleCompiler().compile(files, "mini-toy-repeat", LOADER);
            assertEquals(List.of(), compiled.problems());
            assertNotNull(compiled.kieBase());
            // 3 (task A) + 2 (task B) + 2 (bonus) + 2 (vetoes) + 6 (verdict) = 15 rules
            assertEquals(15, ruleCount(compiled));
            assertNotNull(compiled.module());
            assertNull(KieServices.Factory.get().getRepository().getKieModule(compiled.module()),
                    "the build's module is removed from the repository");
        }
    }

    @Test
    void compile_syntaxError_reportsFileAndLineAndLeavesNoModule() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("rules/bad.drl", String.join("\n",
                "package broken",            // 1
                "",                          // 2
                "rule \"r\"",                // 3
                "when",                      // 4
                "    String( length > )",    // 5: nothing after >
                "then",                      // 6
                "end",                       // 7
                "").getBytes(StandardCharsets.UTF_8));
        // past the verifier (which refuses it first) to show that a failed build leaves no module behind
        RuleCompiler.Compiled compiled = new RuleCompiler().compileUnverified(PackFiles.of("memory", files),
                "broken-pack", LOADER);
        assertNull(compiled.kieBase());
        assertTrue(compiled.problems().stream().anyMatch(p -> p.path().equals("rules/bad.drl:5")
                && p.code().equals("RULE_COMPILE")), compiled.problems().toString());
        assertNotNull(compiled.module());
        assertNull(KieServices.Factory.get().getRepository().getKieModule(compiled.module()));
    }

    @Test
    void compile_noRuleFiles_isPackNoRules() {
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(PackFiles.of("memory",
                Map.of("pack.yaml", "id: x".getBytes(StandardCharsets.UTF_8))), "x", LOADER);
        assertNull(compiled.kieBase());
        assertEquals(List.of("rules/ PACK_NO_RULES"),
                compiled.problems().stream().map(p -> p.path() + " " + p.code()).toList());
    }

    @Test
    void compile_typeErrorInConsequence_reportsTheFile() {
        Map<String, byte[]> files = Map.of("rules/typo.drl", String.join("\n",
                "package typo",
                "import org.safecounty.facts.Indicator;",
                "rule \"t\"",
                "when",
                "    $i : Indicator()",
                "then",
                "    $i.awardd( null );",
                "end",
                "").getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = new RuleCompiler().compile(PackFiles.of("memory", files), "typo", LOADER).problems();
        assertTrue(!problems.isEmpty() && problems.stream().allMatch(p -> p.path().startsWith("rules/typo.drl")),
                problems.toString());
    }

    @Test
    void compile_miniPack_hasTheVerdictRulesInOnePackage() throws IOException {
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(PackFiles.fromDirectory(MiniPack.dir()),
                "mini-toy-pkg", LOADER);
        KiePackage pkg = compiled.kieBase().getKiePackage("mini.toy");
        assertNotNull(pkg);
        assertNotNull(compiled.kieBase().getRule("mini.toy", "5 FAIL: otherwise"));
    }
}
