package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.safecounty.MiniPack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * No MVEL is evaluated while assessing: a pack compiles through the executable model, so every
 * constraint and consequence of its rule base is Java whose bytecode was checked. The check that
 * says so can fail: the same rules built the classic way (MVEL constraints) are refused. And only
 * {@code rules/*.drl} is compiled: a rule file elsewhere in the pack, under {@code tests/} for
 * instance, cannot change a result.
 */
class ExecutableModelTest {

    @Test
    void thePacksRuleBase_holdsNoNodeThatEvaluatesMvel() throws IOException {
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(PackFiles.fromDirectory(MiniPack.dir()), "mini-toy",
                new RuleClassLoader(getClass().getClassLoader()));
        assertEquals(List.of(), compiled.problems());
        assertEquals(List.of(), MvelFreeCheck.check(compiled.kieBase()));
        long constraints = compiled.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream()).count();
        assertTrue(constraints >= 10, "the mini pack has its rules: " + constraints);
    }

    @Test
    void theSameRulesBuiltTheClassicWay_areRefusedForTheirMvelConstraints() throws IOException {
        KieServices ks = KieServices.Factory.get();
        ReleaseId id = ks.newReleaseId("org.safecounty.test", "classic", "1.0." + UUID.randomUUID());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(id);
        PackFiles files = PackFiles.fromDirectory(MiniPack.dir());
        for (String path : RuleCompiler.ruleFiles(files)) {
            kfs.write("src/main/resources/mini/toy/" + path.substring("rules/".length()), files.all().get(path));
        }
        ks.newKieBuilder(kfs).buildAll();
        try {
            KieBase classic = ks.newKieContainer(id).getKieBase();
            List<Problem> problems = MvelFreeCheck.check(classic);
            assertFalse(problems.isEmpty());
            assertTrue(problems.stream().allMatch(p -> p.code().equals("SANDBOX") && p.en().contains("MVEL")),
                    problems.toString());
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    @Test
    void aRuleFileOutsideRules_isNotCompiled() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        // this would make every county fail if it were compiled (a second rule for each tally)
        byte[] evil = BoundedRunTest.CYCLE.getBytes(StandardCharsets.UTF_8);
        files.put("tests/evil.drl", evil);
        files.put("rules/nested/evil.drl", evil);
        PackFiles pack = PackFiles.of("memory:tests-drl", files);
        assertEquals(RuleCompiler.ruleFiles(PackFiles.fromDirectory(MiniPack.dir())), RuleCompiler.ruleFiles(pack));
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(pack, "mini-toy",
                new RuleClassLoader(getClass().getClassLoader()));
        assertTrue(compiled.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .noneMatch(r -> r.getName().equals("cycle")));
    }
}
