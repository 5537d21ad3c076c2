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
        Path target = dir.resolve("pack");
        try (Stream<Path> walk = Files.walk(PACK)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(PACK.relativize(p).toString());
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
