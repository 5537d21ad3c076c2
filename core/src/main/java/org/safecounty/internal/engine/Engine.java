package org.safecounty.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine a compiled pack was made by and can only be used with: the safecounty version, a
 * fingerprint of safecounty's own classes (the vocabulary, the checks and the compiler: a rebuilt
 * snapshot with other code is another engine), and the version of Drools that generated it and
 * runs it. Computed once per JVM; {@code null} when safecounty cannot read its own classes, and
 * then no compiled form is used or made.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final String CLASSES = "org/safecounty/";

    private Engine() {
    }

    private static final class Holder {
        static final String VERSION = compute();
    }

    /** For example {@code safecounty 0.1.0-SNAPSHOT+3f5c0a9e12b4, drools 10.2.0}; {@code null} when unknown. */
    public static String version() {
        return Holder.VERSION;
    }

    private static String compute() {
        long start = System.nanoTime();
        try {
            Properties props = new Properties();
            try (InputStream in = Engine.class.getResourceAsStream("engine.properties")) {
                if (in == null) {
                    return null;
                }
                props.load(in);
            }
            String code = codeDigest();
            String drools = drools(props.getProperty("drools", "unknown"));
            if (code == null) {
                return null;
            }
            String version = "safecounty " + props.getProperty("safecounty", "unknown") + "+" + code.substring(0, 16)
                    + ", drools " + drools;
            LOG.debug("engine {} ({} ms)", version, (System.nanoTime() - start) / 1_000_000);
            return version;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot tell the engine version: compiled packs are not used", e);
            return null;
        }
    }

    /** The version of the Drools code generator and of its run time, as their jars say, else as built. */
    private static String drools(String built) {
        String codegen = ExecutableModelProject.class.getPackage().getImplementationVersion();
        String runtime = CanonicalKieModule.class.getPackage().getImplementationVersion();
        if (codegen == null || runtime == null) {
            return built;
        }
        return codegen.equals(runtime) ? codegen : codegen + "/" + runtime;
    }

    /**
     * A SHA-256 over the name, size and CRC-32 of every class under {@code org/safecounty/} where
     * this class was loaded from, in name order: the same for the classes folder and the jar made
     * of it. In a jar the sizes and CRCs are read from its directory, so nothing is inflated: this
     * tells builds apart, it does not guard against anyone (who could change the jar could change
     * anything).
     */
    private static String codeDigest() throws IOException {
        CodeSource source = Engine.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path where;
        try {
            URL location = source.getLocation();
            where = Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        TreeMap<String, String> classes = new TreeMap<>();
        if (Files.isDirectory(where)) {
            Path root = where.resolve(CLASSES);
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> files = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p)).toList();
                for (Path p : files) {
                    byte[] bytes = Files.readAllBytes(p);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    classes.put(CLASSES + root.relativize(p).toString().replace('\\', '/'), bytes.length + " " + crc.getValue());
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().startsWith(CLASSES) && e.getName().endsWith(".class")) {
                        if (e.getSize() < 0 || e.getCrc() < 0) {
                            return null;
                        }
                        classes.put(e.getName(), e.getSize() + " " + e.getCrc());
                    }
                }
            }
        }
        if (classes.isEmpty()) {
            return null;
        }
        MessageDigest sha = sha256();
        classes.forEach((name, sizeAndCrc) -> sha.update((name + " " + sizeAndCrc + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
