package org.safecounty.examples;

// tag::packs[]
import java.nio.file.Path;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the standard comes from: the bundled packs, one of them, or a folder of the province's own. */
public final class ChoosingPacks {

    private static final Logger LOG = LoggerFactory.getLogger(ChoosingPacks.class);

    /** Every bundled standard; each submission's assessment.standard picks its pack. */
    public static Assessor bundled() {
        return Assessor.bundled();
    }

    /** One bundled standard: empty when no pack of that id is on the class path (safecounty-rules missing?). */
    public static Assessor bundled(String id) {
        RulePack pack = RulePack.bundled(id)
                .orElseThrow(() -> new IllegalStateException("no bundled rule pack " + id));
        return Assessor.of(pack);
    }

    /** The pack in a folder, compiled once and kept compiled in cacheDir for the next start. */
    public static Assessor fromFolder(Path packDir, Path cacheDir) {
        try {
            return Assessor.of(RulePack.load(packDir, PackPolicy.any().withCacheIn(cacheDir)));
        } catch (RulePackException e) {
            // every problem at once, each with its file and line: fix them before serving
            e.problems().forEach(p -> LOG.error("{}: {}", p.path(), p.en()));
            throw e;
        }
    }
}
// end::packs[]
