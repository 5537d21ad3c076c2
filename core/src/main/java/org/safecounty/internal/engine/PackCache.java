package org.safecounty.internal.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of compiled packs, so that a pack compiled once loads the next time without compiling.
 * An entry is keyed by the pack's id, the SHA-256 over the files it was compiled from and the
 * {@linkplain Engine engine} (safecounty and Drools): a changed pack or another build of
 * safecounty never finds an old entry.
 *
 * <p>The folder is {@value #DIR_ENV} if set, else {@code $XDG_CACHE_HOME/safecounty/packs}, else
 * {@code ~/.cache/safecounty/packs} ({@link #fromEnvironment}), or any folder given
 * ({@link #at}). It holds at most {@link #maxBytes()} (256 MiB unless set, also by
 * {@value #MAX_MB_ENV}); past that the entries used least recently are removed.
 *
 * <p>An entry is written to a temporary file in the same folder and moved into place in one step,
 * so a reader sees a whole entry or none, and two writers of the same entry leave one of theirs.
 * An entry records the SHA-256 of its bytes; one whose bytes do not match (a flipped byte, a
 * truncated file) is removed and the pack compiled again. The cache is not trusted beyond that:
 * anyone who can write the folder can write a matching digest, so every entry read is held to
 * the same bytecode and rule-base checks as a fresh build (docs/security.md). A folder that cannot
 * be written is no error: packs compile as without a cache, and one warning is logged.
 *
 * <p>Thread-safe. {@link #stats()} counts what this instance did.
 */
public final class PackCache {

    /** Environment variable: the cache folder. */
    public static final String DIR_ENV = "SAFECOUNTY_CACHE";

    /** Environment variable: the most the cache folder may hold, in MiB. */
    public static final String MAX_MB_ENV = "SAFECOUNTY_CACHE_MAX_MB";

    /** System property read when {@value #DIR_ENV} is not set (so that tests never write to a home folder). */
    public static final String DIR_PROPERTY = "safecounty.cache";

    /** What the folder may hold unless set: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(PackCache.class);
    private static final String SUFFIX = ".pack";
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String MAGIC = "safecounty compiled pack 1";
    private static final int MAX_HEADER_BYTES = 4096;
    /** A temporary file older than this was left by a writer that died. */
    private static final long STALE_TEMP_MILLIS = 10 * 60_000L;

    private final Path dir;
    private final long maxBytes;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong discarded = new AtomicLong();

    private PackCache(Path dir, long maxBytes) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A cache in this folder (made when first written). */
    public static PackCache at(Path dir) {
        return new PackCache(dir, DEFAULT_MAX_BYTES);
    }

    /** The cache the process's environment names: {@link #fromEnvironment(Map)} of {@link System#getenv()}. */
    public static PackCache standard() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The cache folder {@code env} names: {@value #DIR_ENV}, else the system property
     * {@value #DIR_PROPERTY}, else {@code $XDG_CACHE_HOME/safecounty/packs}, else
     * {@code $HOME/.cache/safecounty/packs} (the {@code user.home} property when {@code HOME} is
     * not set); its cap {@value #MAX_MB_ENV} MiB, else 256 MiB.
     *
     * @throws IllegalArgumentException when a variable is set but cannot be used
     */
    public static PackCache fromEnvironment(Map<String, String> env) {
        String property = System.getProperty(DIR_PROPERTY);
        Path dir;
        if (env.get(DIR_ENV) != null) {
            if (env.get(DIR_ENV).isBlank()) {
                throw new IllegalArgumentException(DIR_ENV + " 已设置但为空 / " + DIR_ENV + " is set but empty");
            }
            dir = Path.of(env.get(DIR_ENV));
        } else if (property != null && !property.isBlank()) {
            dir = Path.of(property);
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isBlank()
                && Path.of(env.get("XDG_CACHE_HOME")).isAbsolute()) {
            dir = Path.of(env.get("XDG_CACHE_HOME"), "safecounty", "packs");
        } else {
            String home = env.get("HOME") != null && !env.get("HOME").isBlank() ? env.get("HOME")
                    : System.getProperty("user.home");
            dir = Path.of(home, ".cache", "safecounty", "packs");
        }
        PackCache cache = at(dir);
        String max = env.get(MAX_MB_ENV);
        if (max != null) {
            long mb;
            try {
                mb = Long.parseLong(max.strip());
            } catch (NumberFormatException e) {
                mb = -1;
            }
            if (mb <= 0 || mb > (1L << 20)) {
                throw new IllegalArgumentException(MAX_MB_ENV + " 应为 1 到 1048576 之间的整数（MiB），而不是 " + max.strip()
                        + " / " + MAX_MB_ENV + " must be a whole number of MiB from 1 to 1048576, not " + max.strip());
            }
            cache = cache.withMaxBytes(mb << 20);
        }
        return cache;
    }

    /** The same folder with another cap. */
    public PackCache withMaxBytes(long maxBytes) {
        return new PackCache(dir, maxBytes);
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * What this instance did: entries found and used, not found, written, and found but refused
     * (bytes that do not match their digest, or classes the checks refuse) and removed.
     */
    public record Stats(long hits, long misses, long writes, long discarded) {
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get(), writes.get(), discarded.get());
    }

    @Override
    public String toString() {
        return "PackCache[" + dir + ", " + (maxBytes >> 20) + " MiB]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackCache c && c.dir.equals(dir) && c.maxBytes == maxBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir, maxBytes);
    }

    /** The entry's key: its file name without the suffix. */
    public static String key(String packId, String packSha256, String engine) {
        var sha = Engine.sha256();
        sha.update((MAGIC + "\n" + packId + "\n" + packSha256 + "\n" + engine).getBytes(StandardCharsets.UTF_8));
        String safeId = packId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safeId.length() > 64) {
            safeId = safeId.substring(0, 64);
        }
        return safeId + "-" + HexFormat.of().formatHex(sha.digest(), 0, 20);
    }

    public Path file(String key) {
        return dir.resolve(key + SUFFIX);
    }

    /**
     * The compiled form stored under {@code key}, when there is a whole entry for it whose bytes
     * match the digest it records; a damaged entry is removed.
     */
    public Optional<byte[]> read(String key) {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = readBounded(file);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("cannot read the cache entry {}", file, e);
            misses.incrementAndGet();
            return Optional.empty();
        }
        Optional<byte[]> form = bytes == null ? Optional.empty() : payload(bytes, key);
        if (form.isEmpty()) {
            LOG.warn("the compiled-pack cache entry {} is damaged: it is removed and the pack compiled again", file);
            discard(key);
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        try {
            // least recently used goes first
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            LOG.debug("cannot touch {}", file, e);
        }
        return form;
    }

    /** Removes the entry under {@code key}: its bytes were damaged, or the checks refused them. */
    void discard(String key) {
        discarded.incrementAndGet();
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            LOG.debug("cannot remove {}", file(key), e);
        }
    }

    /** Counts a form read that the checks then refused (and removes it). */
    void refused(String key) {
        hits.decrementAndGet();
        misses.incrementAndGet();
        discard(key);
    }

    /**
     * Stores {@code form} under {@code key}, then removes the least recently used entries until
     * the folder holds at most {@link #maxBytes()}. A form larger than that is not stored. Never
     * throws: a folder that cannot be written is warned of once.
     */
    public void write(String key, byte[] form) {
        byte[] entry = entry(key, form);
        if (entry.length > maxBytes) {
            LOG.debug("compiled form of {} ({} bytes) is larger than the cache: not stored", key, entry.length);
            return;
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, TEMP_PREFIX, SUFFIX);
            Files.write(temp, entry);
            try {
                Files.move(temp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the folder cannot replace a file in one step", e);
            }
            temp = null;
            writes.incrementAndGet();
            evict(file(key));
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("the compiled-pack cache {} cannot be written ({}): packs are compiled each time", dir, e.toString());
            } else {
                LOG.debug("cannot write the cache entry {}", key, e);
            }
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.debug("cannot remove {}", temp, e);
                }
            }
        }
    }

    /** Removes entries, least recently used first, until the folder holds at most the cap; keeps {@code kept}. */
    private void evict(Path kept) throws IOException {
        record Found(Path path, long size, long time) {
        }
        List<Found> found = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    continue;
                }
                if (name.startsWith(TEMP_PREFIX)) {
                    if (now - attrs.lastModifiedTime().toMillis() > STALE_TEMP_MILLIS) {
                        Files.deleteIfExists(p);
                    } else {
                        total += attrs.size();
                    }
                } else if (name.endsWith(SUFFIX)) {
                    total += attrs.size();
                    if (!p.equals(kept)) {
                        found.add(new Found(p, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(Found::time));
        for (Found f : found) {
            if (total <= maxBytes) {
                break;
            }
            Files.deleteIfExists(f.path());
            total -= f.size();
            LOG.debug("removed the least recently used cache entry {}", f.path());
        }
    }

    /** The file's bytes if it is a regular file (never through a link) no larger than the cap, else {@code null}. */
    private byte[] readBounded(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(channel)) {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile() || attrs.size() > maxBytes) {
                return null;
            }
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16) + 1);
            return bytes.length > maxBytes ? null : bytes;
        }
    }

    /** An entry: a few lines of text that name the key and the SHA-256 and size of the form, a blank line, the form. */
    private static byte[] entry(String key, byte[] form) {
        String header = MAGIC + "\nkey " + key + "\nsha256 " + HexFormat.of().formatHex(Engine.sha256().digest(form))
                + "\nsize " + form.length + "\n\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length() + form.length);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(form);
        return out.toByteArray();
    }

    /** The form inside an entry, if the entry is for {@code key} and its bytes match what it records. */
    private static Optional<byte[]> payload(byte[] entry, String key) {
        int end = -1;
        for (int i = 0; i + 1 < Math.min(entry.length, MAX_HEADER_BYTES); i++) {
            if (entry[i] == '\n' && entry[i + 1] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        String[] lines = new String(entry, 0, end, StandardCharsets.US_ASCII).split("\n", -1);
        if (lines.length != 4 || !lines[0].equals(MAGIC) || !lines[1].equals("key " + key)
                || !lines[2].matches("sha256 [0-9a-f]{64}") || !lines[3].matches("size [0-9]{1,10}")) {
            return Optional.empty();
        }
        byte[] form = Arrays.copyOfRange(entry, end + 2, entry.length);
        if (Long.parseLong(lines[3].substring(5)) != form.length) {
            return Optional.empty();
        }
        byte[] digest = Engine.sha256().digest(form);
        if (!java.security.MessageDigest.isEqual(digest, HexFormat.of().parseHex(lines[2].substring(7)))) {
            return Optional.empty();
        }
        return Optional.of(form);
    }
}
