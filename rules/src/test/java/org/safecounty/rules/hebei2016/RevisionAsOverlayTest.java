package org.safecounty.rules.hebei2016;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.safecounty.RulePack;
import org.safecounty.result.StandardRef;

/**
 * The 2016 revision is an overlay of the 2014 pack: it names its base and holds only the six
 * changes of the 2016 text, a small fraction of the 2014 pack outside the tests. (That it scores
 * every case as the standard says, the 2014 cases it inherits included, is
 * {@link org.safecounty.rules.PackCasesTest}.)
 */
class RevisionAsOverlayTest {

    @Test
    void theRevisionExtendsThe2014Pack_bundledAndAsAFolder() {
        for (RulePack pack : List.of(RulePack.bundled("hebei-fds-county-2016").orElseThrow(),
                RulePack.load(Path.of("hebei-fds-county-2016")))) {
            assertEquals(List.of("hebei-fds-county-2014"), pack.standard().bases().stream().map(StandardRef::id).toList());
            assertEquals(RulePack.load(Path.of("hebei-fds-county-2014")).standard().sha256(),
                    pack.standard().bases().get(0).sha256());
        }
    }

    @Test
    void outsideItsTests_theRevisionIsASmallFractionOfTheBase() throws IOException {
        long revision = lines(Path.of("hebei-fds-county-2016"));
        long base = lines(Path.of("hebei-fds-county-2014"));
        assertTrue(revision * 5 < base, "2016 has " + revision + " lines outside tests/, 2014 has " + base);
    }

    private static long lines(Path pack) throws IOException {
        try (Stream<Path> files = Files.walk(pack)) {
            return files.filter(Files::isRegularFile).filter(p -> !pack.relativize(p).startsWith("tests"))
                    .mapToLong(p -> {
                        try {
                            return Files.readAllLines(p).size();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sum();
        }
    }
}
