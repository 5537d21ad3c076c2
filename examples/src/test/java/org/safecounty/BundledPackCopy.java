package org.safecounty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A copy of the bundled 2014 pack's folder, for tests that edit a pack as policy staff would. */
public final class BundledPackCopy {

    public static final Path PACK = Path.of("../rules/hebei-fds-county-2014");

    /** The 2016 revision, an overlay of the 2014 pack. */
    public static final Path REVISION = Path.of("../rules/hebei-fds-county-2016");

    private BundledPackCopy() {
    }

    /** Copies the pack into {@code dir/pack} and returns that folder. */
    public static Path into(Path dir) throws IOException {
        return copy(PACK, dir.resolve("pack"));
    }

    /**
     * Copies the 2016 revision and the 2014 pack it extends side by side into {@code dir} (as
     * {@code hebei-fds-county-2016} and {@code hebei-fds-county-2014}) and returns the revision's folder.
     */
    public static Path revisionInto(Path dir) throws IOException {
        copy(PACK, dir.resolve(PACK.getFileName().toString()));
        return copy(REVISION, dir.resolve(REVISION.getFileName().toString()));
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
