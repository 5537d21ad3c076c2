package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.MiniPack;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.authoring.PackValidation;

/**
 * A pack is read strictly, so that what is approved is exactly what runs: symbolic links are
 * refused (never followed), hidden files are refused (not skipped), sizes and counts are capped
 * before anything is read; and the digest covers every file that can decide a result.
 */
class PackFilesRefusalTest {

    @TempDir
    Path tmp;

    private Path copy() {
        return MiniPack.copyTo(tmp.resolve("copy"));
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }

    private static PackFiles.Refused refused(Path dir, String code, String path) {
        PackFiles.Refused e = assertThrows(PackFiles.Refused.class, () -> PackFiles.fromDirectory(dir));
        assertEquals(code, e.problem().code(), e.getMessage());
        assertEquals(path, e.problem().path(), e.getMessage());
        assertTrue(e.getMessage().contains(path), "the message names the path: " + e.getMessage());
        assertTrue(e.getMessage().contains(" / "), "Chinese and English: " + e.getMessage());
        return e;
    }

    /** Loading the folder refuses it with one problem of this code at this path. */
    private static void refusedByLoad(Path dir, String code, String path) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(dir));
        assertEquals(List.of(path + " " + code), e.problems().stream().map(p -> p.path() + " " + p.code()).toList());
        assertEquals(List.of(path + " " + code), PackValidation.validate(dir, PackPolicy.any()).stream()
                .map(p -> p.path() + " " + p.code()).toList());
    }

    @Test
    void symlinkToAFileOutsideThePack_isRefusedWithoutReadingIt() throws IOException {
        Path pack = copy();
        link(pack.resolve("rules/passwd.drl"), Path.of("/etc/passwd"));
        PackFiles.Refused e = refused(pack, "PACK_SYMLINK", "rules/passwd.drl");
        assertFalse(e.getMessage().contains("root:"), "nothing of the target is read: " + e.getMessage());
        refusedByLoad(pack, "PACK_SYMLINK", "rules/passwd.drl");
    }

    @Test
    void symlinkToAFileInsideThePack_isRefusedToo() throws IOException {
        Path pack = copy();
        link(pack.resolve("rules/again.drl"), pack.resolve("rules/bonus.drl"));
        refused(pack, "PACK_SYMLINK", "rules/again.drl");
    }

    @Test
    void symlinkedFolder_isRefusedAndNotEntered() throws IOException {
        Path pack = copy();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("evil.drl"), "rule \"evil\" when then end\n");
        link(pack.resolve("rules/more"), elsewhere);
        refused(pack, "PACK_SYMLINK", "rules/more");
        refusedByLoad(pack, "PACK_SYMLINK", "rules/more");
    }

    @Test
    void danglingSymlink_isRefused() throws IOException {
        Path pack = copy();
        link(pack.resolve("parameters-old.yaml"), tmp.resolve("nowhere"));
        refused(pack, "PACK_SYMLINK", "parameters-old.yaml");
    }

    @Test
    void thePackFolderItself_mayBeALink() throws IOException {
        Path pack = copy();
        Path current = tmp.resolve("current");
        link(current, pack);
        assertEquals(PackFiles.fromDirectory(pack).sha256(), PackFiles.fromDirectory(current).sha256());
        assertEquals(MiniPack.ID, RulePack.load(current).id());
    }

    @Test
    void hiddenFile_isRefusedNotSkipped() throws IOException {
        Path pack = copy();
        Files.writeString(pack.resolve("rules/.broken.drl"), "this is not DRL");
        refused(pack, "PACK_HIDDEN_FILE", "rules/.broken.drl");
        refusedByLoad(pack, "PACK_HIDDEN_FILE", "rules/.broken.drl");
    }

    @Test
    void hiddenFolder_isRefused() throws IOException {
        Path pack = copy();
        Files.createDirectories(pack.resolve(".git"));
        Files.writeString(pack.resolve(".git/config"), "[core]");
        refused(pack, "PACK_HIDDEN_FILE", ".git");
    }

    @Test
    void aHundredGigabyteSparseFile_isRefusedAtOnceWithoutReadingIt() throws IOException {
        Path pack = copy();
        Path huge = pack.resolve("rules/huge.drl");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024 * 1024);
        }
        PackFiles.Refused e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(PackFiles.Refused.class, () -> PackFiles.fromDirectory(pack)));
        assertEquals("PACK_FILE_TOO_LARGE", e.problem().code());
        assertEquals("rules/huge.drl", e.problem().path());
        assertTrue(e.getMessage().contains("107374182400"), e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> refusedByLoad(pack, "PACK_FILE_TOO_LARGE", "rules/huge.drl"));
    }

    @Test
    void fileJustOverTheCap_isRefusedAndOneAtTheCapIsRead() throws IOException {
        Path pack = copy();
        Path notes = Files.createDirectories(pack.resolve("tests")).resolve("data.json");
        try (RandomAccessFile f = new RandomAccessFile(notes.toFile(), "rw")) {
            f.setLength(PackFiles.MAX_FILE_BYTES);
        }
        assertEquals(PackFiles.MAX_FILE_BYTES, PackFiles.fromDirectory(pack).all().get("tests/data.json").length);
        try (RandomAccessFile f = new RandomAccessFile(notes.toFile(), "rw")) {
            f.setLength(PackFiles.MAX_FILE_BYTES + 1);
        }
        refused(pack, "PACK_FILE_TOO_LARGE", "tests/data.json");
    }

    @Test
    void moreThanTheTotalCap_isRefused() throws IOException {
        Path pack = copy();
        Path tests = Files.createDirectories(pack.resolve("tests"));
        for (int i = 0; i < PackFiles.MAX_TOTAL_BYTES / PackFiles.MAX_FILE_BYTES + 1; i++) {
            try (RandomAccessFile f = new RandomAccessFile(tests.resolve("d" + (100 + i) + ".json").toFile(), "rw")) {
                f.setLength(PackFiles.MAX_FILE_BYTES);
            }
        }
        PackFiles.Refused e = assertThrows(PackFiles.Refused.class, () -> PackFiles.fromDirectory(pack));
        assertEquals("PACK_TOO_LARGE", e.problem().code(), e.getMessage());
    }

    @Test
    void tooManyFiles_areRefused() throws IOException {
        Path pack = copy();
        Path tests = Files.createDirectories(pack.resolve("tests"));
        for (int i = 0; i < PackFiles.MAX_ENTRIES; i++) {
            Files.writeString(tests.resolve("case-" + i + ".yaml"), "cases: []\n");
        }
        PackFiles.Refused e = assertThrows(PackFiles.Refused.class, () -> PackFiles.fromDirectory(pack));
        assertEquals("PACK_TOO_MANY_FILES", e.problem().code(), e.getMessage());
    }

    @Test
    void fileNameWithANewline_isRefused() throws IOException {
        Path pack = copy();
        try {
            Files.writeString(pack.resolve("rules/x\n0000  pack.yaml.drl"), "");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            Assumptions.abort("this file system does not take such a name");
        }
        PackFiles.Refused e = assertThrows(PackFiles.Refused.class, () -> PackFiles.fromDirectory(pack));
        assertEquals("PACK_FILE_NAME", e.problem().code());
        assertEquals("rules/x\\n0000  pack.yaml.drl", e.problem().path());
    }

    @Test
    void aMissingFolder_isUnreadableNamingIt() {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(tmp.resolve("none")));
        assertEquals("PACK_UNREADABLE", e.problems().get(0).code());
        assertTrue(e.problems().get(0).en().contains("none"), e.problems().get(0).en());
    }

    // --- what is compiled and what the digest covers

    @Test
    void ruleFiles_areOnlyTheDrlFilesDirectlyInRules() throws IOException {
        Path pack = copy();
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/evil.drl"), "rule \"evil\" when then end\n");
        Files.createDirectories(pack.resolve("rules/old"));
        Files.writeString(pack.resolve("rules/old/t1.drl"), "rule \"old\" when then end\n");
        Files.writeString(pack.resolve("rules/notes.md"), "notes\n");
        Files.writeString(pack.resolve("evil.drl"), "rule \"top\" when then end\n");
        PackFiles files = PackFiles.fromDirectory(pack);
        assertEquals(List.of("rules/bonus.drl", "rules/task-a.drl", "rules/task-b.drl", "rules/verdict.drl",
                "rules/vetoes.drl"), files.ruleFiles());
        assertTrue(files.ruleFiles().stream().allMatch(PackFiles::decidesResults), "every rule file is in the digest");
        assertFalse(PackFiles.isRuleFile("rules/.drl"));
        assertFalse(PackFiles.isRuleFile("tests/evil.drl"));
        assertFalse(PackFiles.isRuleFile("rules/old/t1.drl"));
        assertTrue(PackFiles.isRuleFile("rules/t1.drl"));
    }

    @Test
    void digest_changesInTestsOrMarkdownLeaveItAlone() throws IOException {
        Path pack = copy();
        String before = PackFiles.fromDirectory(pack).sha256();
        Files.createDirectories(pack.resolve("tests"));
        Files.writeString(pack.resolve("tests/evil.drl"), "rule \"evil\" when then end\n");
        Files.writeString(pack.resolve("tests/cases.yaml"), "cases: []\n");
        Files.writeString(pack.resolve("README.md"), "# notes\n");
        assertEquals(before, PackFiles.fromDirectory(pack).sha256());
        Files.writeString(pack.resolve("tests/evil.drl"), "rule \"worse\" when then end\n");
        assertEquals(before, PackFiles.fromDirectory(pack).sha256());
    }

    @Test
    void digest_changesWithEveryOtherFile() throws IOException {
        Path pack = copy();
        String before = PackFiles.fromDirectory(pack).sha256();
        Map<String, byte[]> all = PackFiles.fromDirectory(pack).all();
        for (String path : all.keySet()) {
            Map<String, byte[]> edited = new TreeMap<>(all);
            edited.put(path, (new String(all.get(path), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
            assertNotEquals(before, PackFiles.of("edited", edited).sha256(), path);
            Map<String, byte[]> removed = new TreeMap<>(all);
            removed.remove(path);
            assertNotEquals(before, PackFiles.of("removed", removed).sha256(), path);
        }
        for (String added : List.of("rules/extra.drl", "rules/old/t1.drl", "extra.yaml", "evil.drl", "rules/x.txt")) {
            Map<String, byte[]> more = new TreeMap<>(all);
            more.put(added, new byte[0]);
            assertNotEquals(before, PackFiles.of("added", more).sha256(), added);
        }
    }

    @Test
    void digest_cannotBeMatchedByMovingBytesAcrossFileBoundaries() {
        byte[] merged = "x\0b\0y".getBytes(StandardCharsets.UTF_8);
        String one = PackFiles.of("one", Map.of("a", merged)).sha256();
        String two = PackFiles.of("two", Map.of("a", "x".getBytes(StandardCharsets.UTF_8),
                "b", "y".getBytes(StandardCharsets.UTF_8))).sha256();
        assertNotEquals(one, two);
        String escaped = PackFiles.of("three", Map.of("a", "x\1\2".getBytes(StandardCharsets.UTF_8))).sha256();
        assertNotEquals(escaped, PackFiles.of("four", Map.of("a", "x\0".getBytes(StandardCharsets.UTF_8))).sha256());
    }

    @Test
    void manifest_coversTestsToo_soATestDrlAddedAfterSigningIsRefused() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put(PackManifest.FILE, PackManifest.write(PackFiles.of("mini", files)).getBytes(StandardCharsets.UTF_8));
        files.put("tests/evil.drl", "rule \"evil\" when then end\n".getBytes(StandardCharsets.UTF_8));
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(PackFiles.of("mini", files)));
        assertEquals(List.of("tests/evil.drl MANIFEST_MISMATCH"),
                e.problems().stream().map(p -> p.path() + " " + p.code()).toList());
    }
}
