package org.safecounty.internal.pack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.result.Problem;

/**
 * A pack's manifest, {@code MANIFEST.sha256}: one line per file, {@code <sha256>  <path>}, in path
 * order, as {@code sha256sum} writes it. The provincial office approves a pack version by the
 * manifest's own SHA-256 (its digest).
 */
public final class PackManifest {

    public static final String FILE = "MANIFEST.sha256";

    private PackManifest() {
    }

    /** The manifest text for these files (every file but the manifest itself). */
    public static String write(PackFiles files) {
        StringBuilder out = new StringBuilder();
        files.all().forEach((path, bytes) -> {
            if (!path.equals(FILE)) {
                out.append(sha256(bytes)).append("  ").append(path).append('\n');
            }
        });
        return out.toString();
    }

    /** The manifest's digest, or {@code null} when the pack has none. */
    public static String digest(PackFiles files) {
        byte[] manifest = files.all().get(FILE);
        return manifest == null ? null : sha256(manifest);
    }

    /** Every file that no longer matches the manifest, is missing, or is not listed in it. */
    public static List<Problem> check(PackFiles files) {
        List<Problem> problems = new ArrayList<>();
        String text = files.text(FILE).orElse(null);
        if (text == null) {
            return problems;
        }
        Map<String, String> listed = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                problems.add(new Problem(FILE + ":" + (n + 1), "MANIFEST_MISMATCH", "清单行格式错误",
                        "a manifest line must be <sha256>  <path>"));
                continue;
            }
            listed.put(line.substring(gap + 2), line.substring(0, gap));
        }
        listed.forEach((path, hash) -> {
            byte[] bytes = files.all().get(path);
            if (bytes == null) {
                problems.add(new Problem(path, "MANIFEST_MISMATCH", "清单中的文件不存在", "a file of the manifest is missing"));
            } else if (!sha256(bytes).equals(hash)) {
                problems.add(new Problem(path, "MANIFEST_MISMATCH", "文件已被修改，与清单不符",
                        "the file was changed: it no longer matches the manifest"));
            }
        });
        files.all().keySet().stream().filter(p -> !p.equals(FILE) && !listed.containsKey(p)).forEach(p -> problems.add(
                new Problem(p, "MANIFEST_MISMATCH", "文件不在清单中", "the file is not in the manifest")));
        return problems;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
