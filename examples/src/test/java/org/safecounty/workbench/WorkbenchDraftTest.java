package org.safecounty.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.cli.SafecountyCommand;
import org.safecounty.cli.workbench.Workbench;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import picocli.CommandLine;

/**
 * A draft without the browser: it loads as an overlay reusing the pack's rules and scores by its
 * own figures, a figure out of range is refused with the file it is in, saving waits for the tests,
 * and the saved folder is a pack that {@code validate} and {@code test} accept.
 */
class WorkbenchDraftTest {

    static final Path XINGTAI = Path.of("samples/130521-xingtaixian.json");

    @TempDir
    static Path dir;
    static Workbench bench;

    @BeforeAll
    static void start() throws IOException {
        PackFiles own = PackFiles.fromClasspath("hebei-fds-county-2014", RulePack.class.getClassLoader()).orElseThrow();
        Path workspace = Files.createDirectories(dir.resolve("workspace")).toRealPath();
        bench = new Workbench(RulePack.load(own), own, Map.of("130521.json", Files.readString(XINGTAI)), workspace,
                PackPolicy.any());
    }

    static Workbench.Draft v2(int line, Map<String, String> drops) {
        return new Workbench.Draft(Map.of("V2.satisfaction_min", new Workbench.Change(BigDecimal.valueOf(line), null)), drops);
    }

    static String verdict(RulePack pack) {
        return ((Outcome.Assessed) bench.outcome("130521.json", pack).orElseThrow()).result().verdict().code();
    }

    static int run(String... args) {
        CommandLine cli = SafecountyCommand.commandLine(Map.of());
        cli.setOut(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    @Test
    void draft_scoresByItsOwnFigure_withThePacksRules() throws Exception {
        assertEquals(List.of(), bench.setDraft(v2(75, Map.of())));
        RulePack draft = bench.draftPack();
        assertEquals("hebei-fds-county-2014-draft", draft.id());
        assertEquals(bench.base().ruleNames(), draft.ruleNames());
        // 邢台县 (SELF): satisfaction 72 from 200 respondents; 72 ≥ 70 passes (90.75, samples/EXPECTED.md), 72 < 75 is vetoed
        assertEquals("PASS", verdict(bench.base()));
        assertEquals("VETOED", verdict(draft));
        assertEquals(List.of(), bench.setDraft(v2(72, Map.of())));
        assertEquals("PASS", verdict(bench.draftPack()), "72 is not < 72");
    }

    @Test
    void draft_withAFigureOutOfRange_isRefusedNamingTheFile() {
        List<Problem> problems = bench.setDraft(new Workbench.Draft(Map.of("sampling.per_residents",
                new Workbench.Change(BigDecimal.ZERO, null)), Map.of()));
        assertFalse(problems.isEmpty());
        assertTrue(problems.toString().contains("parameters.yaml"), problems.toString());
        assertEquals(bench.base(), bench.draftPack(), "assessed under the pack in force meanwhile");
        bench.setDraft(Workbench.Draft.EMPTY);
    }

    @Test
    void assessorOfRevision_takesSubmissionsOfTheStandardItRevises() {
        RulePack y2016 = RulePack.bundled("hebei-fds-county-2016").orElseThrow();
        String text = bench.data().get("130521.json");
        Outcome o = Assessor.ofRevision(y2016).assess(text);
        assertTrue(o instanceof Outcome.Assessed, o.toString());
        assertEquals("hebei-fds-county-2016", ((Outcome.Assessed) o).result().standard().id());
        // 72 < 75: the 2016 revision vetoes 邢台县 too
        assertEquals("VETOED", ((Outcome.Assessed) o).result().verdict().code());
        Outcome other = Assessor.ofRevision(y2016).assess(text.replace("hebei-fds-county-2014", "another-standard"));
        assertTrue(other instanceof Outcome.Rejected);
        assertTrue(Assessor.of(y2016).assess(text) instanceof Outcome.Rejected, "of(pack) stays strict");
    }

    @Test
    void save_waitsForTheTests_andWritesAPackThatValidateAndTestAccept() throws Exception {
        bench.setDraft(v2(75, Map.of()));
        Workbench.Refused refused = assertThrows(Workbench.Refused.class, () -> bench.save("v2-75", false));
        assertTrue(refused.problems().stream().anyMatch(p -> p.code().equals("TEST_FAILED")));
        assertFalse(Files.exists(bench.workspace().resolve("v2-75")));

        Map<String, String> drops = new TreeMap<>();
        bench.test().failed().forEach(f -> drops.put(f.testCase().file().replaceFirst("^tests/", "") + ": "
                + f.testCase().name(), "满意度线改为 75 / the line is 75"));
        assertEquals(6, drops.size(), drops.toString());
        assertEquals(List.of(), bench.setDraft(v2(75, drops)));
        Workbench.Saved saved = bench.save("v2-75", true);
        Path pack = saved.dir();
        assertEquals(bench.workspace().resolve("v2-75"), pack);
        assertTrue(saved.digest().matches("[0-9a-f]{64}"), saved.digest());
        String params = Files.readString(pack.resolve("parameters.yaml"));
        assertTrue(params.contains("V2.satisfaction_min:\n  # 原为 was: 70\n  value: 75\n"), params);
        assertTrue(Files.readString(pack.resolve("pack.yaml")).contains("extends: { id: \"hebei-fds-county-2014\", version: \"2014.1.0\" }"));
        assertEquals(0, run("validate", "--no-cache", pack.toString()));
        assertEquals(0, run("test", "--no-cache", pack.toString()));
        assertEquals(0, run("test", "--no-cache", "--approved", saved.digest(), pack.toString()), "the digest approves it");
    }

    @Test
    void save_refusesToDropACaseThatStillPasses() {
        // a bonus case has nothing to do with the satisfaction veto: under V2 = 75 it still passes
        String passing = "bonus.yaml: B1 网格化监管为真加 2 分 / grid supervision true adds 2 points";
        bench.setDraft(v2(75, Map.of()));
        Map<String, String> drops = new TreeMap<>();
        bench.test().failed().forEach(f -> drops.put(f.testCase().file().replaceFirst("^tests/", "") + ": "
                + f.testCase().name(), "满意度线改为 75 / the line is 75"));
        drops.put(passing, "不想要了 / not wanted");
        bench.setDraft(v2(75, drops));
        Workbench.TestRun run = bench.test();
        assertFalse(run.ok());
        assertEquals(List.of("DROPS_A_PASSING_CASE: " + passing), run.problems().stream()
                .map(p -> p.code() + ": " + p.zh().replaceFirst("^.*：", "")).toList());
        Workbench.Refused refused = assertThrows(Workbench.Refused.class, () -> bench.save("drops-too-much", false));
        assertTrue(refused.problems().stream().anyMatch(p -> p.code().equals("DROPS_A_PASSING_CASE")));
        assertFalse(Files.exists(bench.workspace().resolve("drops-too-much")));
    }

    @Test
    void command_withABadPortDataOrPack_isAUsageError() {
        assertEquals(64, run("workbench", "--port", "70000"));
        assertEquals(64, run("workbench", "--data", dir.resolve("none").toString()));
        assertEquals(64, run("workbench", "--data", "province", "--pack", "no-such-pack"));
        assertFalse(Files.exists(Path.of("safecounty-workspace")), "no workspace made for a command refused");
    }

    @Test
    void draft_underApprovedPacksOnly_isPreviewedOnTheApprovedRules() throws Exception {
        Path signed = org.safecounty.BundledPackCopy.copy(org.safecounty.BundledPackCopy.PACK, dir.resolve("signed/hebei-fds-county-2014"));
        PackFiles unsigned = PackFiles.fromDirectory(signed);
        Files.writeString(signed.resolve(org.safecounty.internal.pack.PackManifest.FILE),
                org.safecounty.internal.pack.PackManifest.write(unsigned));
        PackFiles own = PackFiles.fromDirectory(signed);
        PackPolicy approved = PackPolicy.approved(java.util.Set.of(org.safecounty.internal.pack.PackManifest.digest(own)));
        Workbench strict = new Workbench(RulePack.load(own, approved), own, bench.data(),
                Files.createDirectories(dir.resolve("strict-ws")).toRealPath(), approved);
        assertEquals(List.of(), strict.setDraft(v2(75, Map.of())), "the unsigned draft loads for preview");
        assertEquals("VETOED", ((Outcome.Assessed) strict.outcome("130521.json", strict.draftPack()).orElseThrow())
                .result().verdict().code());
    }
}
