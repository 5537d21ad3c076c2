package org.safecounty.examples;

// tag::reload[]
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.safecounty.LiveAssessor;
import org.safecounty.PackPolicy;
import org.safecounty.PackWatcher;
import org.safecounty.RulePack;
import org.safecounty.result.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves the pack in a folder and goes over to every edit of it that passes its checks, without a restart. */
public final class HotReload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HotReload.class);

    private final LiveAssessor live;
    private final PackWatcher watcher;

    public HotReload(Path packDir, Duration interval, PackPolicy policy) throws IOException {
        live = LiveAssessor.of(RulePack.load(packDir, policy));   // a pack that cannot be used throws here
        watcher = PackWatcher.follow(packDir, live, interval, policy, new PackWatcher.Listener() {
            @Override
            public void accepted(RulePack pack) {
                LOG.info("now serving {} {} ({})", pack.id(), pack.version(), pack.standard().sha256());
            }

            @Override
            public void refused(List<Problem> problems) {   // the pack served before keeps serving
                problems.forEach(p -> LOG.warn("edit refused: {}: {}", p.path(), p.en()));
            }
        });
    }

    /** What requests use: each assessment is made with the pack current when it starts. */
    public LiveAssessor assessor() {
        return live;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
// end::reload[]
