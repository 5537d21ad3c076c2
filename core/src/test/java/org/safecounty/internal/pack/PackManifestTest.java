package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;

/** Pack integrity: a manifest of every file's SHA-256, and packs approved by their manifest's digest. */
class PackManifestTest {

    static Map<String, byte[]> signed() throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put(PackManifest.FILE, PackManifest.write(PackFiles.of("mini", files)).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static List<String> problems(Map<String, byte[]> files, PackPolicy policy) {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(PackFiles.of("mini", files), policy));
        return e.problems().stream().map(p -> p.path() + " " + p.code()).toList();
    }

    @Test
    void signedPack_loadsAndItsDigestDoesNotChangeItsStandardSha() throws IOException {
        RulePack signed = RulePack.load(PackFiles.of("mini", signed()));
        assertEquals(MiniPack.pack().standard().sha256(), signed.standard().sha256());
    }

    @Test
    void fileChangedAfterSigning_isRefusedNamingTheFile() throws IOException {
        Map<String, byte[]> files = signed();
        files.put("parameters.yaml", (new String(files.get("parameters.yaml"), StandardCharsets.UTF_8) + "\n# edited\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("parameters.yaml MANIFEST_MISMATCH"), problems(files, PackPolicy.any()));
    }

    @Test
    void fileAddedOrRemovedAfterSigning_isRefused() throws IOException {
        Map<String, byte[]> added = signed();
        added.put("rules/extra.drl", "package mini.toy\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("rules/extra.drl MANIFEST_MISMATCH"), problems(added, PackPolicy.any()));
        Map<String, byte[]> removed = signed();
        removed.remove("rules/bonus.drl");
        assertEquals(List.of("rules/bonus.drl MANIFEST_MISMATCH"), problems(removed, PackPolicy.any()));
    }

    @Test
    void approvedOnly_loadsAnApprovedPackAndRefusesAnyOther() throws IOException {
        Map<String, byte[]> files = signed();
        String digest = PackManifest.digest(PackFiles.of("mini", files));
        assertEquals(64, digest.length());
        assertEquals("mini-toy", RulePack.load(PackFiles.of("mini", files), PackPolicy.approved(Set.of(digest))).id());
        assertEquals(List.of("MANIFEST.sha256 NOT_APPROVED"),
                problems(files, PackPolicy.approved(Set.of("0".repeat(64)))));
        Map<String, byte[]> unsigned = new TreeMap<>(files);
        unsigned.remove(PackManifest.FILE);
        assertEquals(List.of("MANIFEST.sha256 NOT_APPROVED"), problems(unsigned, PackPolicy.approved(Set.of(digest))));
    }

    @Test
    void approvedOnly_needsAtLeastOneDigest() {
        assertThrows(IllegalArgumentException.class, () -> PackPolicy.approved(Set.of()));
        assertTrue(PackPolicy.any().approvedDigests().isEmpty());
    }
}
