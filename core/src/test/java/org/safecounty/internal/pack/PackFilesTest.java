package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;

class PackFilesTest {

    @TempDir
    Path tmp;

    private static String sha(Path dir) throws IOException {
        return PackFiles.fromDirectory(dir).sha256();
    }

    @Test
    void sha256_twoLoadsOfTheSameFolder_areEqual() throws IOException {
        String first = sha(MiniPack.dir());
        assertEquals(first, sha(MiniPack.dir()));
        assertTrue(first.matches("[0-9a-f]{64}"), first);
    }

    @Test
    void sha256_copyInAnotherFolder_isEqual() throws IOException {
        // the hash covers paths inside the pack and bytes, not where the pack lies
        assertEquals(sha(MiniPack.dir()), sha(MiniPack.copyTo(tmp.resolve("copy"))));
    }

    @Test
    void sha256_ruleFileChanged_differs() throws IOException {
        Path copy = MiniPack.copyTo(tmp.resolve("copy"));
        String before = sha(copy);
        Files.writeString(copy.resolve("rules/task-a.drl"), "\n// one more line\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(before, sha(copy));
    }

    @Test
    void sha256_parametersChanged_differs() throws IOException {
        Path copy = MiniPack.copyTo(tmp.resolve("copy"));
        String before = sha(copy);
        Path parameters = copy.resolve("parameters.yaml");
        Files.writeString(parameters, Files.readString(parameters).replace("value: 16", "value: 15"));
        assertNotEquals(before, sha(copy));
    }

    @Test
    void sha256_ruleFileRenamed_differs() throws IOException {
        Path copy = MiniPack.copyTo(tmp.resolve("copy"));
        String before = sha(copy);
        Files.move(copy.resolve("rules/bonus.drl"), copy.resolve("rules/extra.drl"));
        assertNotEquals(before, sha(copy));
    }

    @Test
    void sha256_onlyTestsAndMarkdownChanged_isUnchanged() throws IOException {
        Path copy = MiniPack.copyTo(tmp.resolve("copy"));
        String before = sha(copy);
        Files.createDirectories(copy.resolve("tests"));
        Files.writeString(copy.resolve("tests/cases.yaml"), "cases: []\n");
        Files.writeString(copy.resolve("README.md"), "# notes\n");
        Files.writeString(copy.resolve("rules/NOTES.md"), "about the rules\n");
        assertEquals(before, sha(copy));
        Files.writeString(copy.resolve("tests/cases.yaml"), "cases: [changed]\n");
        assertEquals(before, sha(copy));
    }

    @Test
    void paths_drlSuffix_givesRuleFilesInOrder() {
        PackFiles files = MiniFiles.load().files();
        assertEquals(List.of("rules/bonus.drl", "rules/task-a.drl", "rules/task-b.drl", "rules/verdict.drl",
                "rules/vetoes.drl"), files.paths(".drl").toList());
    }

    @Test
    void text_absentFile_isEmpty() {
        assertEquals(Optional.empty(), MiniFiles.load().files().text("nothing.yaml"));
    }

    @Test
    void sha256_inMemoryAndFromFolder_areEqual() throws IOException {
        PackFiles folder = PackFiles.fromDirectory(MiniPack.dir());
        assertEquals(folder.sha256(), PackFiles.of("memory", Map.copyOf(folder.all())).sha256());
    }

    @Test
    void fromClasspath_unknownPack_isEmpty() throws IOException {
        assertEquals(Optional.empty(), PackFiles.fromClasspath("no-such-pack", getClass().getClassLoader()));
    }

    @Test
    void standard_loadedPack_carriesTheFilesSha256() throws IOException {
        assertEquals(sha(MiniPack.dir()), MiniPack.pack().standard().sha256());
    }
}
