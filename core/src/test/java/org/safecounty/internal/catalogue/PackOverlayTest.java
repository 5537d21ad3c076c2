package org.safecounty.internal.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.Assessor;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.StandardRef;

/**
 * A revision as an overlay: it names the pack it extends and holds only what it changes. Worked on
 * the mini pack (task A: A.1 4 points, A.2 3, A.3 4; its plan A.3 gives 4 when a.plan is true).
 */
class PackOverlayTest {

    @TempDir
    Path tmp;

    @Test
    void anOverlay_changesOnlyWhatItNames_andTheResultNamesBothPacks() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy, version: 0.1.0 }",
                "A.3.points:  { zh: 计划得分, en: points for a plan, ref: \"A.3\", value: 2 }");
        // the pack.yaml of the overlay also lowers A.3's maximum to match
        Files.writeString(overlay.resolve("pack.yaml"), Files.readString(overlay.resolve("pack.yaml"))
                + "tasks:\n  - id: A\n    max: 9\n    indicators:\n      - { id: A.3, max: 2 }\n");
        RulePack pack = RulePack.load(overlay);
        AssessmentResult r = assess(pack);
        // the base county scores full marks: A.3 now 2 of 2, the total 2 lower than under the base
        assertEquals(0, r.indicator("A.3").score().compareTo(new java.math.BigDecimal("2")));
        assertEquals(0, r.indicator("A.3").max().compareTo(new java.math.BigDecimal("2")));
        AssessmentResult under = assess(RulePack.load(base));
        assertEquals(0, under.totalScore().subtract(r.totalScore()).compareTo(new java.math.BigDecimal("2")));
        StandardRef ref = r.standard();
        assertEquals("mini-revised", ref.id());
        assertEquals(List.of("mini-toy"), ref.bases().stream().map(StandardRef::id).toList());
        assertEquals(RulePack.load(base).standard().sha256(), ref.bases().get(0).sha256());
    }

    @Test
    void aChangedBase_changesTheBaseDigestTheResultNames() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        String before = RulePack.load(overlay).standard().bases().get(0).sha256();
        Files.writeString(base.resolve("parameters.yaml"), Files.readString(base.resolve("parameters.yaml"))
                .replace("value: 4 }", "value: 3 }"));
        String after = RulePack.load(overlay).standard().bases().get(0).sha256();
        assertNotEquals(before, after);
        assertEquals(RulePack.load(overlay).standard().sha256(), RulePack.load(overlay).standard().sha256());
    }

    @Test
    void theFilesOfAFolder_findTheBaseBesideIt_andValidateChecksThePlanLaidOverIt() throws IOException {
        Path base = MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        // as the test and validate commands read a folder: its files, then the pack
        RulePack pack = RulePack.load(PackFiles.fromDirectory(overlay));
        assertEquals(RulePack.load(base).standard().sha256(), pack.standard().bases().get(0).sha256());
        // the overlay has no rules of its own: its plan is the base's, and it is clean
        assertEquals(List.of(), org.safecounty.internal.authoring.PackValidation.validate(overlay, org.safecounty.PackPolicy.any()));
    }

    @Test
    void anIndicatorCanBeRemoved_andAListItemAdded() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        // without A.3 the base maximum falls by 4: the lines fall with it (they are checked against it)
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }",
                "excellent_line: { zh: 优秀线, en: excellent line, ref: \"v\", value: 16 }\n"
                        + "pass_line: { zh: 达标线, en: pass line, ref: \"p\", value: 14 }");
        Files.writeString(overlay.resolve("pack.yaml"), Files.readString(overlay.resolve("pack.yaml"))
                + "baseMax: 16\ntasks:\n  - id: A\n    max: 7\n    indicators:\n      - { id: A.3, remove: true }\n");
        // A.3's rule is in the base's task-a.drl: without the indicator it would match nothing, so
        // the overlay replaces that file with one that scores A.1 and A.2 only
        String taskA = Files.readString(tmp.resolve("mini-toy/rules/task-a.drl"));
        Files.createDirectories(overlay.resolve("rules"));
        Files.writeString(overlay.resolve("rules/task-a.drl"), taskA.substring(0, taskA.indexOf("rule \"A.3 plan\"")));
        RulePack pack = RulePack.load(overlay);
        AssessmentResult r = assess(pack);
        assertTrue(r.indicators().stream().noneMatch(i -> i.id().equals("A.3")));
    }

    @Test
    void aRemovedItem_holdsNothingButItsId_elseTheFieldIsNamed() throws IOException {
        // a field beside remove: true is read by no one: not even an unknown one would be reported
        Problem p = theOneProblemOfAnOverlayIndicator("{ id: A.3, remove: true, colour: red }");
        assertEquals("pack.yaml:7", p.path()); // the overlay's own line of the item
        assertEquals("PACK_EXTENDS", p.code());
        assertEquals("A.3 写了 remove: true，不能再有字段 colour（删除的条目只写 id 和 remove）", p.zh());
        assertEquals("A.3 has remove: true, so it cannot have the field colour (a removed item holds only id and remove)",
                p.en());
    }

    @Test
    void aQuotedNumberInAnOverlay_isRefusedAsInAFullPack() throws IOException {
        Problem p = theOneProblemOfAnOverlayIndicator("{ id: A.3, max: \"4\" }");
        assertTrue(p.path().endsWith(": tasks[0].indicators[2].max"), p.toString());
        assertTrue(p.en().contains("\"4\" is quoted text"), p.toString());
    }

    /** The one problem of an overlay of the mini pack that changes one indicator of task A as written. */
    private Problem theOneProblemOfAnOverlayIndicator(String indicator) throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        Files.writeString(overlay.resolve("pack.yaml"), Files.readString(overlay.resolve("pack.yaml"))
                + "tasks:\n  - id: A\n    indicators:\n      - " + indicator + "\n");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(overlay));
        assertEquals(1, e.problems().size(), e.problems().toString());
        return e.problems().get(0);
    }

    @Test
    void anOverlayOfAnOverlay_namesEveryPackBeneathIt() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        overlay("mini-revised", "extends: { id: mini-toy }", "");
        Path top = overlay("mini-twice", "extends: { id: mini-revised, version: 0.1.0 }", "");
        assertEquals(List.of("mini-revised", "mini-toy"),
                RulePack.load(top).standard().bases().stream().map(StandardRef::id).toList());
    }

    @Test
    void aCycle_isOneClearError() throws IOException {
        Path a = overlay("pack-a", "extends: { id: pack-b }", "");
        overlay("pack-b", "extends: { id: pack-a }", "");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(a));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertEquals("PACK_EXTENDS", e.problems().get(0).code());
        assertTrue(e.problems().get(0).en().contains("circle"), e.problems().toString());
        assertTrue(e.problems().get(0).zh().contains("循环"), e.problems().toString());
    }

    @Test
    void aMissingBase_isOneClearError() throws IOException {
        Path a = overlay("lonely", "extends: { id: no-such-pack }", "");
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(a));
        assertEquals(List.of("PACK_EXTENDS"), e.problems().stream().map(p -> p.code()).toList());
        assertTrue(e.problems().get(0).en().contains("no-such-pack, cannot be found"), e.problems().toString());
    }

    @Test
    void anotherVersionOrDigestOfTheBase_isRefused() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path wrongVersion = overlay("v", "extends: { id: mini-toy, version: 9.9.9 }", "");
        assertTrue(assertThrows(RulePackException.class, () -> RulePack.load(wrongVersion)).problems().get(0).en()
                .contains("is version 0.1.0, not 9.9.9"));
        Path wrongDigest = overlay("d", "extends: { id: mini-toy, sha256: " + "f".repeat(64) + " }", "");
        assertTrue(assertThrows(RulePackException.class, () -> RulePack.load(wrongDigest)).problems().get(0).en()
                .contains("extends.sha256"));
        // a digest of digits alone, unquoted, is a YAML number: read as the pack's own files are, it is
        // refused before it is compared, as one problem that says to quote it
        Path zeros = overlay("z", "extends: { id: mini-toy, sha256: " + "0".repeat(64) + " }", "");
        Problem quote = onlyProblem(zeros, "pack.yaml:3 PACK_LIMIT");
        assertTrue(quote.zh().contains("请加引号") && quote.en().contains("put it in quotes"), quote.toString());
    }

    // ------------------------------------------------------------ problems name the file a person wrote

    @Test
    void aBadValueOnTheOverlaysLine_isNamedByTheOverlaysFileAndLine() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        // line 4 of the overlay's parameters.yaml; in the merged text it would be line 28 of 36
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }",
                "# a revision\n# of the mini pack\n\nA.3.points:  { zh: 计划得分, en: points for a plan, ref: \"A.3\", value: 5 }");
        assertTrue(onlyProblem(overlay, "parameters.yaml:4: A.3.points.value PACK_RANGE").zh().contains("指标 A.3 满分为 4"));
    }

    @Test
    void aProblemThatComesFromTheBase_namesTheBasesFileAndLine() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        // A.2 lowered to 2 points by the overlay: the base's A.2.points (3, line 26 of its parameters.yaml) is now too many
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        appendToPackYaml(overlay, "tasks:\n  - id: A\n    max: 10\n    indicators:\n      - { id: A.2, max: 2 }\n");
        assertTrue(onlyProblem(overlay, "mini-toy/parameters.yaml:26: A.2.points.value PACK_RANGE").zh()
                .contains("指标 A.2 满分为 2"));
    }

    @Test
    void aBaseRuleFileThatNoLongerFits_isNamedByTheBasesId() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        // the overlay takes A.2.points out; the base's task-a.drl reads it on line 23
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "A.2.points: null");
        onlyProblem(overlay, "mini-toy/rules/task-a.drl:23 UNKNOWN_PARAMETER");
    }

    @Test
    void anItemTheOverlayAddsWithoutARule_isNamedAtTheOverlaysLine() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        appendToPackYaml(overlay, "tasks:\n  - id: A\n    max: 12\n    indicators:\n      - { id: A.4, max: 1, zh: 新, en: New }\n");
        // pack.yaml: id, version, extends, tasks:, - id: A, max, indicators:, then A.4 on line 8
        assertTrue(onlyProblem(overlay, "pack.yaml:8 NO_RULE").zh().startsWith("A.4 在目录中，但没有规则计算它；请"));
    }

    @Test
    void aTabOrAFullWidthColonInTheOverlay_isOneProblemAtItsOwnLine() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path tab = overlay("tab", "extends: { id: mini-toy }", "bonus.cap:\n  zh: 加分上限\n\tvalue: 1");
        assertTrue(onlyProblem(tab, "parameters.yaml:3 PACK_SYNTAX").zh().contains("制表符"));
        Path colon = overlay("colon", "extends: { id: mini-toy }", "bonus.cap:\n  zh: 加分上限\n  value：1");
        assertTrue(onlyProblem(colon, "parameters.yaml:3 PACK_SYNTAX").zh().contains("全角冒号"));
    }

    @Test
    void aMistakeInExtends_namesItsLine() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy, versoin: 0.1.0 }", "");
        assertTrue(onlyProblem(overlay, "pack.yaml:3 PACK_EXTENDS").en().contains("no field versoin"));
    }

    @Test
    void anIdWrittenTwiceInOneOverlayList_isOneProblem() throws IOException {
        MiniPack.copyTo(tmp.resolve("mini-toy"));
        Path overlay = overlay("mini-revised", "extends: { id: mini-toy }", "");
        appendToPackYaml(overlay, "vetoes:\n  - { id: W9, zh: 新, en: new }\n  - { id: W9, zh: 又, en: again }\n");
        onlyProblem(overlay, "pack.yaml:6 PACK_EXTENDS");
    }

    /** The one problem that refuses the pack, which must be at {@code pathAndCode} ({@code path code}). */
    private static Problem onlyProblem(Path pack, String pathAndCode) {
        List<Problem> problems = assertThrows(RulePackException.class, () -> RulePack.load(pack)).problems();
        assertEquals(List.of(pathAndCode), problems.stream().map(p -> p.path() + " " + p.code()).toList());
        return problems.get(0);
    }

    private static void appendToPackYaml(Path overlay, String yaml) throws IOException {
        Files.writeString(overlay.resolve("pack.yaml"), Files.readString(overlay.resolve("pack.yaml")) + yaml);
    }

    private Path overlay(String id, String extendsLine, String parameters) throws IOException {
        Path dir = tmp.resolve(id);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("pack.yaml"), "id: " + id + "\nversion: 0.1.0\n" + extendsLine + "\n");
        if (!parameters.isEmpty()) {
            Files.writeString(dir.resolve("parameters.yaml"), parameters + "\n");
        }
        return dir;
    }

    private static AssessmentResult assess(RulePack pack) {
        String json = MiniPack.json(MiniPack.base()).replace("\"mini-toy\"", "\"" + pack.id() + "\"");
        Outcome o = Assessor.of(pack).assess(json);
        return assertInstanceOf(Outcome.Assessed.class, o, o.toString()).result();
    }

}
