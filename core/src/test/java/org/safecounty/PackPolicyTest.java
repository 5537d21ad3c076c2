package org.safecounty;

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
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.result.Problem;

/** Approved digests from the environment and a settings file, for embedders and the command line. */
class PackPolicyTest {

    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    @TempDir
    Path tmp;

    @Test
    void nothingSet_isAnyPack() {
        assertFalse(PackPolicy.fromEnvironment(Map.of(), null).approvedOnly());
        assertFalse(PackPolicy.fromEnvironment(Map.of("PATH", "/bin"), null).approvedOnly());
    }

    @Test
    void approvedVariable_isCommaSeparatedAndCaseInsensitive() {
        PackPolicy p = PackPolicy.fromEnvironment(Map.of(PackPolicy.APPROVED_ENV, " " + A + " ," + B.toUpperCase()), null);
        assertEquals(Set.of(A, B), p.approvedDigests());
    }

    @Test
    void settingsFile_namedByTheVariableOrGiven_addsItsDigests() throws IOException {
        Path settings = Files.writeString(tmp.resolve("safecounty.yaml"), "approved:\n  - " + A + "  # 2014\n  - " + B + "\n");
        assertEquals(Set.of(A, B), PackPolicy.fromEnvironment(Map.of(PackPolicy.SETTINGS_ENV, settings.toString()), null)
                .approvedDigests());
        assertEquals(Set.of(A, B, C), PackPolicy.fromEnvironment(Map.of(PackPolicy.APPROVED_ENV, C), settings)
                .approvedDigests());
        Path other = Files.writeString(tmp.resolve("other.yaml"), "approved: [" + C + "]\n");
        assertEquals(Set.of(C), PackPolicy.fromEnvironment(Map.of(PackPolicy.SETTINGS_ENV, settings.toString()), other)
                .approvedDigests(), "a given file replaces the one the variable names");
        assertEquals(Set.of(A), PackPolicy.fromSettings(Files.writeString(tmp.resolve("one.yaml"), "approved: " + A))
                .approvedDigests());
        // digits only, unquoted: still the digest as written, not a number
        String digits = "0123456789".repeat(6) + "0123";
        assertEquals(Set.of(digits, "0".repeat(64)), PackPolicy.fromSettings(Files.writeString(tmp.resolve("digits.yaml"),
                "approved: [" + digits + ", '" + "0".repeat(64) + "']\n")).approvedDigests());
    }

    @Test
    void configurationThatIsSetButUnusable_isAnErrorNeverAnyPack() throws IOException {
        List<Map<String, String>> bad = List.of(
                Map.of(PackPolicy.APPROVED_ENV, ""),
                Map.of(PackPolicy.APPROVED_ENV, " , "),
                Map.of(PackPolicy.APPROVED_ENV, "3f5c"),
                Map.of(PackPolicy.APPROVED_ENV, A + ",not-a-digest"),
                Map.of(PackPolicy.SETTINGS_ENV, ""),
                Map.of(PackPolicy.SETTINGS_ENV, tmp.resolve("missing.yaml").toString()));
        for (Map<String, String> env : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PackPolicy.fromEnvironment(env, null), env.toString());
            assertTrue(e.getMessage().contains(" / "), "Chinese and English: " + e.getMessage());
        }
        for (String text : List.of("aproved: [" + A + "]\n", "approved: []\n", "approved:\n", "- " + A + "\n",
                "approved: [" + A + "]\nextra: 1\n", "approved: [1, 2]\n", "approved: {a: b}\n", "approved: [\n",
                "approved: [[" + A + "]]\n", "approved: [~]\n", "")) {
            Path f = Files.writeString(tmp.resolve("bad.yaml"), text);
            assertThrows(IllegalArgumentException.class, () -> PackPolicy.fromSettings(f), text);
        }
    }

    @Test
    void refusal_namesAMissingManifestOrAnUnapprovedDigest() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        PackFiles unsigned = PackFiles.of("mini", files);
        files.put(PackManifest.FILE, PackManifest.write(unsigned).getBytes(StandardCharsets.UTF_8));
        PackFiles signed = PackFiles.of("mini", files);
        String digest = PackManifest.digest(signed);

        assertEquals(Optional.empty(), PackPolicy.any().refusal(unsigned));
        assertEquals(Optional.empty(), PackPolicy.approved(Set.of(digest)).refusal(signed));
        assertEquals(Optional.empty(), PackPolicy.parse(A + "," + digest.toUpperCase(), "test").refusal(signed));

        Problem noManifest = PackPolicy.approved(Set.of(digest)).refusal(unsigned).orElseThrow();
        assertEquals(PackPolicy.NOT_APPROVED, noManifest.code());
        assertTrue(noManifest.en().contains("no manifest"), noManifest.en());
        Problem other = PackPolicy.approved(Set.of(A)).refusal(signed).orElseThrow();
        assertEquals(PackPolicy.NOT_APPROVED, other.code());
        assertTrue(other.en().contains(digest) && other.zh().contains("未经批准"), other.toString());
    }

    @Test
    void and_addsDigestsUp() {
        assertEquals(Set.of(A, B), PackPolicy.approved(Set.of(A)).and(PackPolicy.approved(Set.of(B))).approvedDigests());
        assertEquals(Set.of(A), PackPolicy.any().and(List.of(A.toUpperCase())).approvedDigests());
        assertFalse(PackPolicy.any().and(PackPolicy.any()).approvedOnly());
        assertThrows(IllegalArgumentException.class, () -> PackPolicy.approved(Set.of("3f5c…")));
    }
}
