package org.safecounty.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of a rule pack, read once into memory and keyed by their path inside the pack
 * ({@code pack.yaml}, {@code rules/t1-organisation.drl}), whether they came from a folder or from
 * a jar on the classpath.
 */
public final class PackFiles {

    /** Where bundled packs live on the classpath: {@code safecounty/packs/<id>/}. */
    public static final String CLASSPATH_ROOT = "safecounty/packs/";

    private final String origin;
    private final Map<String, byte[]> files;

    private PackFiles(String origin, Map<String, byte[]> files) {
        this.origin = origin;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** An in-memory pack, for tests and tools. */
    public static PackFiles of(String origin, Map<String, byte[]> files) {
        return new PackFiles(origin, files);
    }

    /** Reads every regular file below {@code dir}, hidden ones excepted. */
    public static PackFiles fromDirectory(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (!isHidden(rel)) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return new PackFiles(dir.toAbsolutePath().normalize().toString(), files);
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
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && !isHidden(name.substring(prefix.length()))) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(name.substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return new PackFiles("classpath:" + prefix, files);
    }

    private static boolean isHidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Where the pack was read from, for messages. */
    public String origin() {
        return origin;
    }

    public Map<String, byte[]> all() {
        return files;
    }

    public Optional<String> text(String path) {
        byte[] bytes = files.get(path);
        return bytes == null ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    /** The paths that end with {@code suffix}, in order. */
    public Stream<String> paths(String suffix) {
        return files.keySet().stream().filter(p -> p.endsWith(suffix));
    }

    /**
     * SHA-256 over the files that decide results: every file except the pack's tests, its
     * Markdown notes and its manifest. Each file contributes its path and its bytes, in path order.
     */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                if (decidesResults(path)) {
                    digest.update(path.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(bytes);
                    digest.update((byte) 0);
                }
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 unavailable", e));
        }
    }

    private static boolean decidesResults(String path) {
        return !path.startsWith("tests/") && !path.endsWith(".md") && !path.equals(PackManifest.FILE);
    }
}
