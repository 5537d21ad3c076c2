package org.safecounty;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.safecounty.internal.engine.PackCache;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.result.Problem;

/**
 * Which rule packs may be loaded. By default any pack whose files match its manifest (if it has
 * one); for production, only packs whose manifest digest the provincial office approved.
 *
 * <p>Approved digests can come from code ({@link #approved}), from the environment variable
 * {@value #APPROVED_ENV} (comma-separated) and from a settings file named by
 * {@value #SETTINGS_ENV}; {@link #fromEnvironment()} reads both. A settings file is YAML with one
 * key:
 *
 * <pre>
 * approved:
 *   - 3f5c…   # hebei-fds-county-2014, approved 2024-03-01
 *   - 9a0b…
 * </pre>
 *
 * Configuration that is set but cannot be used (a blank variable, a missing or malformed file, an
 * unknown key, a digest that is not 64 hexadecimal digits, an empty list) is an error
 * ({@link IllegalArgumentException}, in both languages), never a silent "any pack".
 *
 * <p>A policy also says whether packs that are not bundled may be kept compiled in a folder
 * ({@link #withCacheIn}), so that loading one again needs no compiling; by default they are not.
 * Under an approved-only policy the cache is not used at all, since nothing proves that a cache
 * entry is what the approved files compile to (docs/security.md). Bundled packs load from the form
 * compiled into the rules jar either way.
 *
 * @param approvedDigests SHA-256 digests of approved {@code MANIFEST.sha256} files, lower case;
 *                        empty: any
 * @param cache           where compiled packs are kept, or {@code null} for nowhere ({@code PackCache} is
 *                        internal: the cache, {@link #withCache} and {@link #refusal} are for safecounty's own
 *                        tools, not part of the published API; {@link #withCacheIn} is)
 */
public record PackPolicy(Set<String> approvedDigests, PackCache cache) {

    /** Environment variable: approved manifest digests, comma-separated. */
    public static final String APPROVED_ENV = "SAFECOUNTY_APPROVED";

    /** Environment variable: the settings file to read approved digests from. */
    public static final String SETTINGS_ENV = "SAFECOUNTY_SETTINGS";

    /** The code of the problem that refuses a pack the policy does not allow. */
    public static final String NOT_APPROVED = "NOT_APPROVED";

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final long MAX_SETTINGS_BYTES = 1L << 20;

    public PackPolicy {
        Set<String> digests = new LinkedHashSet<>();
        for (String d : approvedDigests) {
            digests.add(digest(d, "approvedDigests"));
        }
        approvedDigests = Set.copyOf(digests);
    }

    /** These approved digests (empty: any pack), no cache. */
    public PackPolicy(Set<String> approvedDigests) {
        this(approvedDigests, null);
    }

    /** The same policy, keeping compiled packs in {@code cache} ({@code null}: nowhere). */
    public PackPolicy withCache(PackCache cache) {
        return new PackPolicy(approvedDigests, cache);
    }

    /**
     * The same policy, keeping every pack it loads that is not bundled compiled in {@code dir}
     * (made when first written): loading the same files again, in this process or another, takes
     * the compiled form instead of compiling. At most 256 MiB, the entries used least recently
     * removed first; safe for several processes at once; a folder that cannot be written is no error
     * (the pack compiles, one warning is logged). Not used when the policy is approved-only.
     */
    public PackPolicy withCacheIn(Path dir) {
        return withCache(PackCache.at(dir));
    }

    /** The cache a pack loaded under this policy is read from and written to: none when approved-only. */
    Optional<PackCache> usableCache() {
        return approvedOnly() ? Optional.empty() : Optional.ofNullable(cache);
    }

    /** Any pack, as long as its files match its manifest when it has one. */
    public static PackPolicy any() {
        return new PackPolicy(Set.of());
    }

    /** Only packs with a manifest whose digest is one of these. */
    public static PackPolicy approved(Set<String> digests) {
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("an approved-only policy needs at least one digest");
        }
        return new PackPolicy(digests);
    }

    /** The policy the process's environment configures: {@link #fromEnvironment(Map, Path)} of {@link System#getenv()}. */
    public static PackPolicy fromEnvironment() {
        return fromEnvironment(System.getenv(), null);
    }

    /**
     * The policy configured by {@value #APPROVED_ENV} and by the settings file: {@code settings}
     * when given, else the one {@value #SETTINGS_ENV} names. The digests of both add up; with
     * neither set, {@link #any()}.
     *
     * @throws IllegalArgumentException when something is set but cannot be used
     */
    public static PackPolicy fromEnvironment(Map<String, String> env, Path settings) {
        PackPolicy policy = any();
        String listed = env.get(APPROVED_ENV);
        if (listed != null) {
            policy = policy.and(parse(listed, APPROVED_ENV));
        }
        Path file = settings;
        if (file == null && env.get(SETTINGS_ENV) != null) {
            String named = env.get(SETTINGS_ENV);
            if (named.isBlank()) {
                throw invalid(SETTINGS_ENV + " 已设置但为空", SETTINGS_ENV + " is set but empty");
            }
            file = Path.of(named);
        }
        if (file != null) {
            policy = policy.and(fromSettings(file));
        }
        return policy;
    }

    /**
     * Approved digests, comma-separated (as {@value #APPROVED_ENV} and {@code --approved} take
     * them); {@code source} names where they came from in messages.
     *
     * @throws IllegalArgumentException for an empty list or a digest that is not 64 hex digits
     */
    public static PackPolicy parse(String commaSeparated, String source) {
        List<String> digests = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            if (!part.isBlank()) {
                digests.add(digest(part, source));
            }
        }
        if (digests.isEmpty()) {
            throw invalid(source + " 已设置但没有列出任何摘要", source + " is set but lists no digest");
        }
        return new PackPolicy(Set.copyOf(digests));
    }

    /**
     * The digests a settings file approves: YAML, a mapping with the one key {@code approved}, a
     * list of digests (or one digest).
     *
     * @throws IllegalArgumentException when the file cannot be read or is not of that form
     */
    public static PackPolicy fromSettings(Path file) {
        String where = "settings " + file;
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_SETTINGS_BYTES) {
                throw invalid("设置文件过大：" + file, "the settings file is too large: " + file);
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_SETTINGS_BYTES);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        List<String> digests = new ArrayList<>();
        // read token by token: a scalar's own text, so that a digest of digits only stays as written
        try (JsonParser p = new YAMLFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("设置文件应为含 approved 的映射：" + file, "the settings file must be a mapping with approved: " + file);
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (!name.equals("approved")) {
                    throw invalid("设置文件中有未知的键 " + name + "（只认 approved）：" + file,
                            "the settings file has an unknown key " + name + " (only approved is known): " + file);
                }
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    for (JsonToken d = p.nextToken(); d != JsonToken.END_ARRAY; d = p.nextToken()) {
                        if (d == null || !d.isScalarValue() || d == JsonToken.VALUE_NULL) {
                            throw invalid(where + "：approved 应为摘要列表", where + ": approved must be a list of digests");
                        }
                        digests.add(digest(p.getText(), where));
                    }
                } else if (value != null && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    digests.add(digest(p.getText(), where));
                } else if (value != JsonToken.VALUE_NULL) {
                    throw invalid(where + "：approved 应为摘要列表", where + ": approved must be a list of digests");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw invalid("设置文件应为含 approved 的映射：" + file, "the settings file must be a mapping with approved: " + file);
            }
        } catch (JsonProcessingException e) {
            throw invalid("设置文件格式错误：" + file + "：" + e.getOriginalMessage(),
                    "the settings file is not valid YAML: " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (digests.isEmpty()) {
            throw invalid("设置文件没有列出任何经批准的摘要（approved）：" + file,
                    "the settings file lists no approved digest (approved): " + file);
        }
        return new PackPolicy(Set.copyOf(digests));
    }

    /** This policy's digests and the other's: a pack either approves is approved. */
    public PackPolicy and(PackPolicy other) {
        Set<String> both = new LinkedHashSet<>(approvedDigests);
        both.addAll(other.approvedDigests);
        return new PackPolicy(both, cache != null ? cache : other.cache);
    }

    /** This policy and these digests (from {@code --approved}, say). */
    public PackPolicy and(Collection<String> digests) {
        Set<String> both = new LinkedHashSet<>(approvedDigests);
        digests.forEach(d -> both.add(digest(d, "--approved")));
        return new PackPolicy(both, cache);
    }

    public boolean approvedOnly() {
        return !approvedDigests.isEmpty();
    }

    /**
     * Why this policy refuses the pack ({@value #NOT_APPROVED}): approved-only, and the pack has
     * no manifest or its manifest's digest is not approved. Empty when the policy allows it (the
     * files are checked against the manifest when the pack loads, not here).
     */
    public Optional<Problem> refusal(PackFiles files) {
        if (!approvedOnly()) {
            return Optional.empty();
        }
        String digest = PackManifest.digest(files);
        if (digest == null) {
            return Optional.of(new Problem(PackManifest.FILE, NOT_APPROVED,
                    "只允许加载经批准的规则包，而该规则包没有清单（MANIFEST.sha256），拒绝加载",
                    "only approved packs may be loaded, and this pack has no manifest (MANIFEST.sha256): refused"));
        }
        if (!approvedDigests.contains(digest)) {
            return Optional.of(new Problem(PackManifest.FILE, NOT_APPROVED,
                    "规则包清单摘要 " + digest + " 未经批准，拒绝加载",
                    "the pack's manifest digest " + digest + " is not approved: refused"));
        }
        return Optional.empty();
    }

    private static String digest(String text, String source) {
        String d = text.strip().toLowerCase(Locale.ROOT);
        if (!DIGEST.matcher(d).matches()) {
            String shown = org.safecounty.internal.text.Escape.text(text.length() > 80 ? text.substring(0, 80) + "…" : text);
            throw invalid(source + "：摘要应为 64 位十六进制数（规则包清单的 SHA-256），而不是 " + shown,
                    source + ": a digest is 64 hexadecimal digits (the SHA-256 of a pack's manifest), not " + shown);
        }
        return d;
    }

    /** A settings file that cannot be read, and why, in words rather than an exception's name. */
    private static IllegalArgumentException unreadable(Path file, IOException e) {
        String zh;
        String en;
        if (e instanceof java.nio.file.NoSuchFileException) {
            zh = "没有这个文件";
            en = "no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            zh = "没有读取权限";
            en = "permission denied";
        } else if (Files.isDirectory(file)) {
            zh = "这是文件夹";
            en = "it is a folder";
        } else {
            zh = String.valueOf(e.getMessage());
            en = zh;
        }
        return invalid("无法读取设置文件：" + file + "（" + zh + "）", "cannot read the settings file: " + file + " (" + en + ")");
    }

    private static IllegalArgumentException invalid(String zh, String en) {
        return new IllegalArgumentException(zh + " / " + en);
    }
}
