package org.safecounty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the bundled 2014 pack's folder, for tests that edit a pack as policy staff would. */
public final class BundledPackCopy {

    public static final Path PACK = Path.of("../rules/hebei-fds-county-2014");

    private BundledPackCopy() {
    }

    /** Copies the pack into {@code dir/pack} and returns that folder. */
    public static Path into(Path dir) throws IOException {
        return copy(PACK, dir.resolve("pack"));
    }

    /** Copies the pack folder {@code source} to {@code target} and returns {@code target}. */
    public static Path copy(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }
}
