package org.safecounty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.CaseResult;
import org.safecounty.internal.packtest.PackTestRunner;
import org.safecounty.result.Problem;
import org.safecounty.result.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a pack folder for a {@link LiveAssessor}: when the files change it loads the pack under
 * the policy (the rule sandbox, the manifest, compiling, the plan check), refuses it also for a plan
 * warning, runs the pack's own tests ({@code tests/*.yaml}, inherited ones included), and only if
 * all of that passes does it swap the assessor to the new pack. Otherwise the old pack keeps serving
 * and the listener (and the log) say why. A running system therefore never starts serving a broken
 * pack.
 *
 * <pre>{@code
 * LiveAssessor live = LiveAssessor.of(RulePack.load(dir, policy));
 * try (PackWatcher watcher = PackWatcher.follow(dir, live, Duration.ofSeconds(5), policy, listener)) {
 *     ... live.assess(json) ...
 * }
 * }</pre>
 *
 * <p>It looks at the folder every interval on a daemon thread of its own, or when {@link #checkNow()}
 * is called; a change is any file's bytes, tests included. A refused change is not looked at again
 * until the folder changes once more.
 */
public final class PackWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PackWatcher.class);

    /** What became of a change. */
    public enum Change { UNCHANGED, ACCEPTED, REFUSED }

    /** Told of every change found, on the watcher's thread (or the one that called {@link #checkNow()}). */
    public interface Listener {
        /** The pack is now served. */
        void accepted(RulePack pack);

        /** The change was refused, for these problems; the pack served before keeps serving. */
        void refused(List<Problem> problems);
    }

    private final Path dir;
    private final LiveAssessor live;
    private final Listener listener;
    private final PackPolicy policy;
    private final ScheduledExecutorService timer;
    private String fingerprint;

    private PackWatcher(Path dir, LiveAssessor live, Listener listener, PackPolicy policy, String fingerprint) {
        this.dir = dir;
        this.live = live;
        this.listener = listener;
        this.policy = policy;
        this.fingerprint = fingerprint;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "safecounty-pack-watcher " + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Follows the folder, looking for changes every {@code interval} (10 ms at the least). The
     * assessor should serve the folder's current pack already: what is in the folder now is not a
     * change.
     *
     * @throws IOException when the folder cannot be read now
     */
    public static PackWatcher follow(Path dir, LiveAssessor live, Duration interval, PackPolicy policy,
                                     Listener listener) throws IOException {
        PackWatcher watcher = new PackWatcher(dir, live, listener, policy, fingerprint(PackFiles.fromDirectory(dir)));
        long ms = Math.max(10, interval.toMillis());
        watcher.timer.scheduleWithFixedDelay(watcher::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** Looks at the folder now: unchanged, or a change accepted or refused. */
    public synchronized Change checkNow() {
        PackFiles files;
        try {
            files = PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            return refuse(List.of(PackFiles.problem(dir.toString(), e)), null);
        }
        String now = fingerprint(files);
        if (now.equals(fingerprint)) {
            return Change.UNCHANGED;
        }
        RulePack pack;
        try {
            pack = RulePack.load(files, policy);
        } catch (RulePackException e) {
            return refuse(e.problems(), now);
        }
        // as validate: what the plan check only warns of keeps a change from going live too
        List<Problem> problems = new ArrayList<>(pack.warnings());
        if (!problems.isEmpty()) {
            return refuse(problems, now);
        }
        problems.addAll(ownTests(files, pack));
        if (!problems.isEmpty()) {
            return refuse(problems, now);
        }
        live.replace(pack);
        fingerprint = now;
        LOG.info("rule pack {} {} ({}) is live", pack.id(), pack.version(), pack.standard().sha256());
        listener.accepted(pack);
        return Change.ACCEPTED;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private Change refuse(List<Problem> problems, String now) {
        if (now != null) {
            fingerprint = now;
        }
        LOG.warn("rule pack in {} refused, the previous one keeps serving: {}", dir, problems);
        listener.refused(problems);
        return Change.REFUSED;
    }

    private static List<Problem> ownTests(PackFiles files, RulePack pack) {
        List<Problem> problems = new ArrayList<>();
        try {
            List<String> levels = pack.catalogue().verdicts().stream().map(Verdict::code).toList();
            Assessor assessor = Assessor.of(pack);
            PackTestRunner runner = new PackTestRunner(json -> {
                Assessor.Traced traced = assessor.trace(json);
                return new PackTestRunner.Run(traced.outcome(), traced.rulesFired());
            }, levels);
            for (CaseResult r : runner.run(new CaseReader(levels).read(files))) {
                if (!r.passed()) {
                    problems.add(new Problem(r.testCase().file() + " #" + r.testCase().index(), "TEST_FAILED",
                            "测试未通过：" + r.testCase().name() + "：" + r.failures(),
                            "test failed: " + r.testCase().name() + ": " + r.failures()));
                }
            }
        } catch (RuntimeException e) {
            problems.add(new Problem("tests/", "TEST_UNREADABLE", "无法读取测试：" + e.getMessage(),
                    "cannot read the tests: " + e.getMessage()));
        }
        return problems;
    }

    /**
     * One scheduled check. Whatever it throws, errors included, is logged and the watcher goes on:
     * a scheduled task that throws is never run again, and one bad edit must not stop it for good.
     */
    private void checkQuietly() {
        try {
            checkNow();
        } catch (Throwable e) {
            LOG.warn("checking the rule pack in {} failed", dir, e);
        }
    }

    /** A digest of every file, tests included: any edit is a change to look at. */
    private static String fingerprint(PackFiles files) {
        return PackManifest.digest(PackFiles.of("fingerprint", java.util.Map.of(PackManifest.FILE,
                PackManifest.write(files).getBytes(StandardCharsets.UTF_8))));
    }
}
