package org.safecounty.internal.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.Problem;

/**
 * The files of a rule pack, read once into memory and keyed by their path inside the pack
 * ({@code pack.yaml}, {@code rules/t1-organisation.drl}), whether they came from a folder or from
 * a jar on the classpath.
 *
 * <p>Reading a pack is strict, so that what is approved is exactly what runs: a symbolic link
 * anywhere inside the pack (never followed), a hidden file or folder (a name starting with
 * {@code .}), anything but a regular file or folder, a name with a control character, a file over
 * {@value #MAX_FILE_BYTES} bytes, more than {@value #MAX_TOTAL_BYTES} bytes in all, or more than
 * {@value #MAX_ENTRIES} files and folders refuse the whole pack with a {@link Refused} naming the
 * path. Sizes are checked before a file is read, and each file is read through a bounded stream.
 */
public final class PackFiles {

    /** Where bundled packs live on the classpath: {@code safecounty/packs/<id>/}. */
    public static final String CLASSPATH_ROOT = "safecounty/packs/";

    /** The folder of the rule files: only {@code rules/*.drl} is compiled. */
    public static final String RULES_DIR = "rules/";

    /** The largest file a pack may hold: 1 MiB. */
    public static final long MAX_FILE_BYTES = 1L << 20;

    /** The most bytes a pack may hold in all: 16 MiB. */
    public static final long MAX_TOTAL_BYTES = 16L << 20;

    /** The most files and folders a pack may hold. */
    public static final int MAX_ENTRIES = 500;

    private final String origin;
    private final Map<String, byte[]> files;
    private final Set<String> folders;

    /**
     * A pack that may not be read as it is: a symbolic link, a hidden or special file, an odd name
     * or too much data. Its {@link #problem()} names the path (inside the pack) and says why, in
     * both languages; its message names the whole path.
     */
    public static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Problem problem;

        Refused(Path file, String inside, String code, String zh, String en) {
            super(file + ": " + zh + " / " + en);
            this.problem = new Problem(inside, code, zh, en);
        }

        /** What was refused, where (the path inside the pack) and why. */
        public Problem problem() {
            return problem;
        }
    }

    private PackFiles(String origin, Map<String, byte[]> files, Set<String> folders) {
        this.origin = origin;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.folders = Collections.unmodifiableSet(new TreeSet<>(folders));
    }

    /** An in-memory pack, for tests and tools. */
    public static PackFiles of(String origin, Map<String, byte[]> files) {
        return new PackFiles(origin, files, Set.of());
    }

    /**
     * Reads every file below {@code dir}, refusing the pack ({@link Refused}) for a symbolic link
     * inside it, a hidden file or folder, a special file, a name with a control character, or too
     * many or too large files. {@code dir} itself may be a symbolic link (a {@code current} link to
     * the live version, say); nothing below it may.
     */
    public static PackFiles fromDirectory(Path dir) throws IOException {
        Path root = dir.toRealPath();
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotDirectoryException(dir.toString());
        }
        Reader reader = new Reader(root);
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE, reader);
        return new PackFiles(dir.toAbsolutePath().normalize().toString(), reader.files, reader.folders);
    }

    /** Reads the folder's entries, without following links, checking each before reading it. */
    private static final class Reader extends SimpleFileVisitor<Path> {

        private final Path root;
        private final Map<String, byte[]> files = new TreeMap<>();
        private final Set<String> folders = new TreeSet<>();
        private int entries;
        private long total;

        Reader(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
            if (!d.equals(root)) {
                check(d, attrs);
                folders.add(relative(d));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            check(f, attrs);
            String rel = relative(f);
            total = addSize(f, rel, attrs.size(), total);
            byte[] bytes = readBounded(f, rel);
            if (bytes.length > attrs.size()) {
                // it grew while being read: count what was read
                total = addSize(f, rel, bytes.length - attrs.size(), total);
            }
            files.put(rel, bytes);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
            throw e;
        }

        private void check(Path p, BasicFileAttributes attrs) throws IOException {
            String rel = relative(p);
            if (++entries > MAX_ENTRIES) {
                throw new Refused(root, rel, "PACK_TOO_MANY_FILES",
                        "规则包中的文件和文件夹超过 " + MAX_ENTRIES + " 个",
                        "the pack holds more than " + MAX_ENTRIES + " files and folders");
            }
            checkName(p, rel);
            if (attrs.isSymbolicLink() || Files.isSymbolicLink(p)) {
                throw new Refused(p, rel, "PACK_SYMLINK", "规则包中不允许符号链接（不会跟随）",
                        "a symbolic link is not allowed in a rule pack (it is not followed)");
            }
            if (!attrs.isRegularFile() && !attrs.isDirectory()) {
                throw new Refused(p, rel, "PACK_SPECIAL_FILE", "规则包中只允许普通文件和文件夹",
                        "a rule pack may hold only regular files and folders");
            }
        }

        private String relative(Path p) {
            return root.relativize(p).toString().replace('\\', '/');
        }

        private byte[] readBounded(Path f, String rel) throws IOException {
            // NOFOLLOW_LINKS: a file swapped for a link after the check is not followed either
            try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw tooLarge(f, rel, bytes.length);
                }
                return bytes;
            }
        }
    }

    /** Refuses a path inside the pack with a hidden, empty or {@code ..} part or a control character. */
    private static void checkName(Path p, String rel) throws Refused {
        for (String part : rel.split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".")) {
                throw new Refused(p, rel, "PACK_HIDDEN_FILE", "规则包中不允许隐藏文件或文件夹（名称以 . 开头），请删除",
                        "a hidden file or folder (its name starts with .) is not allowed in a rule pack: remove it");
            }
        }
        for (int i = 0; i < rel.length(); i++) {
            if (Character.isISOControl(rel.charAt(i))) {
                throw new Refused(p, Escape.text(rel), "PACK_FILE_NAME", "文件名中含有控制字符",
                        "the file name holds a control character");
            }
        }
    }

    private static long addSize(Path f, String rel, long size, long total) throws Refused {
        if (size > MAX_FILE_BYTES) {
            throw tooLarge(f, rel, size);
        }
        if (total + size > MAX_TOTAL_BYTES) {
            throw new Refused(f, rel, "PACK_TOO_LARGE", "规则包总大小超过 " + MAX_TOTAL_BYTES + " 字节",
                    "the pack holds more than " + MAX_TOTAL_BYTES + " bytes in all");
        }
        return total + size;
    }

    private static Refused tooLarge(Path f, String rel, long size) {
        return new Refused(f, rel, "PACK_FILE_TOO_LARGE",
                "文件过大：" + size + " 字节，上限 " + MAX_FILE_BYTES,
                "the file is too large: " + size + " bytes, at most " + MAX_FILE_BYTES);
    }

    /**
     * The problem to report for a pack that could not be read: the {@link Refused#problem()}, or
     * {@code PACK_UNREADABLE} naming {@code where}.
     */
    public static Problem problem(String where, IOException e) {
        if (e instanceof Refused r) {
            return r.problem();
        }
        String why = e instanceof NoSuchFileException ? "no such folder: " + e.getMessage()
                : e instanceof NotDirectoryException ? "not a folder: " + e.getMessage() : String.valueOf(e.getMessage());
        return new Problem(where, "PACK_UNREADABLE", "无法读取规则包：" + why, "cannot read the rule pack: " + why);
    }

    /** Finds a pack bundled on the classpath under {@code safecounty/packs/<id>/}. */
    public static Optional<PackFiles> fromClasspath(String id, ClassLoader loader) throws IOException {
        String prefix = CLASSPATH_ROOT + id + "/";
        URL marker = loader.getResource(prefix + "pack.yaml");
        if (marker == null) {
            return Optional.empty();
        }
        if ("file".equals(marker.getProtocol())) {
            try {
                return Optional.of(fromDirectory(Path.of(marker.toURI()).getParent()));
            } catch (URISyntaxException e) {
                throw new IOException("bad resource address " + marker, e);
            }
        }
        if ("jar".equals(marker.getProtocol())) {
            return Optional.of(fromJar(marker, prefix));
        }
        throw new IOException("cannot read a pack from " + marker);
    }

    private static PackFiles fromJar(URL marker, String prefix) throws IOException {
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        connection.setUseCaches(false);
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jar = connection.getJarFile()) {
            Path where = Path.of(jar.getName());
            int entries = 0;
            long total = 0;
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                    continue;
                }
                String rel = name.substring(prefix.length());
                if (rel.endsWith("/")) {
                    rel = rel.substring(0, rel.length() - 1);
                }
                if (++entries > MAX_ENTRIES) {
                    throw new Refused(where, rel, "PACK_TOO_MANY_FILES", "规则包中的文件和文件夹超过 " + MAX_ENTRIES + " 个",
                            "the pack holds more than " + MAX_ENTRIES + " files and folders");
                }
                checkName(where, rel);
                if (entry.isDirectory()) {
                    continue;
                }
                total = addSize(where, rel, Math.max(0, entry.getSize()), total);
                try (InputStream in = jar.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                    if (bytes.length > MAX_FILE_BYTES) {
                        throw tooLarge(where, rel, bytes.length);
                    }
                    if (bytes.length > entry.getSize()) {
                        total = addSize(where, rel, bytes.length - Math.max(0, entry.getSize()), total);
                    }
                    files.put(rel, bytes);
                }
            }
        }
        return new PackFiles("classpath:" + prefix, files, Set.of());
    }

    /** Where the pack was read from, for messages. */
    public String origin() {
        return origin;
    }

    public Map<String, byte[]> all() {
        return files;
    }

    /**
     * The folders of a pack read from a folder, by path inside it ({@code tests/old}); empty for a
     * pack from the classpath or from memory. Not part of {@link #sha256()}: for telling a file
     * that should be one (a {@code tests/*.yaml} that is a folder) from one that is missing.
     */
    public Set<String> folders() {
        return folders;
    }

    public Optional<String> text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * The paths that end with {@code suffix}, in order, wherever they are in the pack. For the
     * rule files to compile use {@link #ruleFiles()}: a {@code .drl} outside {@code rules/} (under
     * {@code tests/}, say) is not a rule file.
     */
    public Stream<String> paths(String suffix) {
        return files.keySet().stream().filter(p -> p.endsWith(suffix));
    }

    /**
     * The rule files, the only files to compile: {@code rules/*.drl}, directly in {@code rules/},
     * in path order. Every one of them is covered by {@link #sha256()} and by the manifest.
     */
    public List<String> ruleFiles() {
        return files.keySet().stream().filter(PackFiles::isRuleFile).toList();
    }

    /** Whether a path inside a pack is a rule file: {@code rules/<name>.drl}, not in a sub-folder. */
    public static boolean isRuleFile(String path) {
        return path.startsWith(RULES_DIR) && path.endsWith(".drl") && path.length() > RULES_DIR.length() + 4
                && path.indexOf('/', RULES_DIR.length()) < 0;
    }

    /**
     * SHA-256 over the files that can decide results ({@link #decidesResults}): every file except
     * the pack's tests ({@code tests/**}), its Markdown notes ({@code *.md}) and its manifest; so
     * {@code pack.yaml}, {@code parameters.yaml} and everything under {@code rules/} are always
     * covered. Each file contributes its path and its bytes, in path order, each followed by a 0
     * byte; a 0 or 1 byte inside a path or a file is written as 1 followed by 2 or 3, so that no two
     * different sets of files give the same input (files of text, which hold neither, hash as they
     * always did).
     */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                if (decidesResults(path)) {
                    update(digest, path.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    update(digest, bytes);
                    digest.update((byte) 0);
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 unavailable", e));
        }
    }

    /** The bytes, with 0 and 1 written as 1 2 and 1 3 so that 0 only ever separates. */
    private static void update(MessageDigest digest, byte[] bytes) {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0 || bytes[i] == 1) {
                digest.update(bytes, from, i - from);
                digest.update((byte) 1);
                digest.update((byte) (bytes[i] + 2));
                from = i + 1;
            }
        }
        digest.update(bytes, from, bytes.length - from);
    }

    /**
     * Whether a file of the pack is covered by {@link #sha256()}: all but {@code tests/**},
     * {@code *.md} and {@code MANIFEST.sha256}, none of which is compiled or read to assess.
     */
    public static boolean decidesResults(String path) {
        return !path.startsWith("tests/") && !path.endsWith(".md") && !path.equals(PackManifest.FILE);
    }
}
