package org.safecounty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.safecounty.internal.engine.CompiledPacks;
import org.safecounty.internal.engine.Engine;
import org.safecounty.internal.pack.PackFiles;

/**
 * Compiles the bundled packs at build time: {@code java org.safecounty.PackPrecompiler OUT}, with
 * {@code OUT} (the rules module's classes folder, holding {@code safecounty/packs/<id>/}) on the
 * classpath, loads every pack there as {@link RulePack#bundled} would, and writes beside them
 * {@code safecounty/compiled/<id>.kjar} (the compiled form) and {@code <id>.properties} (the pack's
 * id, the SHA-256 of the files it was compiled from, the engine, the SHA-256 of the form). A pack
 * whose form there is already of the same files and engine is left as it is. A pack that does not
 * load fails the build.
 */
final class PackPrecompiler {

    private PackPrecompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PackPrecompiler OUTPUT_DIR [PACK_ID...]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> ids = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : packIds(out);
        String engine = Engine.version();
        if (engine == null) {
            System.err.println("safecounty cannot tell its engine version: no pack is precompiled");
            System.exit(1);
        }
        Path compiled = out.resolve(CompiledPacks.CLASSPATH_ROOT);
        Files.createDirectories(compiled);
        for (String id : ids) {
            long start = System.nanoTime();
            Optional<PackFiles> files = PackFiles.fromClasspath(id, PackPrecompiler.class.getClassLoader());
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no bundled pack " + id + " on the classpath");
            }
            String[] made = new String[1];
            RulePack pack = RulePack.load(files.get(), PackPolicy.any(), (digest, obtained) -> {
                if (obtained.form() == null) {
                    throw new IllegalStateException("the pack " + id + " has no compiled form");
                }
                try {
                    String name = CompiledPacks.fileName(id);
                    if (obtained.source() != CompiledPacks.Source.BUNDLED_FORM || !upToDate(compiled, name, digest, engine)) {
                        Files.write(compiled.resolve(name + CompiledPacks.FORM_SUFFIX), obtained.form());
                        Files.writeString(compiled.resolve(name + CompiledPacks.ABOUT_SUFFIX),
                                CompiledPacks.about(id, digest, engine, obtained.form()), StandardCharsets.UTF_8);
                        made[0] = "compiled";
                    } else {
                        made[0] = "up to date";
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            if (!pack.id().equals(id)) {
                throw new IllegalStateException("the pack in the folder " + id + " has the id " + pack.id());
            }
            System.out.printf("precompiled %s: %s (%d ms)%n", id, made[0], (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static boolean upToDate(Path compiled, String name, String digest, String engine) throws IOException {
        Path about = compiled.resolve(name + CompiledPacks.ABOUT_SUFFIX);
        if (!Files.isRegularFile(about)) {
            return false;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(about, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return digest.equals(p.getProperty("sha256")) && engine.equals(p.getProperty("engine"));
    }

    /** Every pack folder under {@code out/safecounty/packs/}. */
    private static List<String> packIds(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        Path root = out.resolve(PackFiles.CLASSPATH_ROOT);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            dirs.forEach(d -> ids.add(d.getFileName().toString()));
        }
        ids.sort(null);
        return ids;
    }
}
