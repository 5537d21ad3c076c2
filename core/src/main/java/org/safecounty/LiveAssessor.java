package org.safecounty;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.safecounty.result.Outcome;
import org.safecounty.submission.SubmissionLimits;

/**
 * An assessor whose rule pack can be replaced while it serves: each assessment takes the pack
 * that is current when it starts and finishes with it, so a result is always the work of exactly
 * one pack, the one it names ({@code standard.sha256}). Replacing is atomic; a pack that failed
 * to load never replaces a working one, because only a loaded {@link RulePack} can be given.
 */
public final class LiveAssessor {

    private final AtomicReference<Assessor> current;
    private final SubmissionLimits limits;

    private LiveAssessor(RulePack pack, SubmissionLimits limits) {
        this.limits = limits;
        this.current = new AtomicReference<>(Assessor.of(pack).withLimits(limits));
    }

    public static LiveAssessor of(RulePack pack) {
        return new LiveAssessor(pack, SubmissionLimits.defaults());
    }

    public static LiveAssessor of(RulePack pack, SubmissionLimits limits) {
        return new LiveAssessor(pack, limits);
    }

    /** Serves this pack from now on; assessments already running finish with the old one. */
    public void replace(RulePack pack) {
        current.set(Assessor.of(pack).withLimits(limits));
    }

    /** The assessor of the current pack. */
    public Assessor current() {
        return current.get();
    }

    public Outcome assess(String json) {
        return current.get().assess(json);
    }

    public List<Outcome> assessAll(List<String> jsons) {
        return jsons.parallelStream().map(this::assess).toList();
    }
}
