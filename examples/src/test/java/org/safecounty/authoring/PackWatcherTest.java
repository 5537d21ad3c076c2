package org.safecounty.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.LiveAssessor;
import org.safecounty.PackPolicy;
import org.safecounty.PackWatcher;
import org.safecounty.RulePack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.ResultJson;

/**
 * A system following a pack folder: an edit that breaks one of the pack's own tests, or does not
 * compile, is refused while assessments go on with the old pack; a good edit goes live without a
 * restart.
 */
class PackWatcherTest {

    static final String SAMPLE = "samples/130983-huanghua.json";

    final List<RulePack> accepted = new CopyOnWriteArrayList<>();
    final List<List<Problem>> refused = new CopyOnWriteArrayList<>();
    final PackWatcher.Listener listener = new PackWatcher.Listener() {
        @Override
        public void accepted(RulePack pack) {
            accepted.add(pack);
        }

        @Override
        public void refused(List<Problem> problems) {
            refused.add(problems);
        }
    };

    @Test
    void anEditBreakingThePacksOwnTestIsRefusedAndTheOldPackKeepsServing(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        LiveAssessor live = LiveAssessor.of(RulePack.load(pack));
        String before = result(live);
        try (PackWatcher watcher = PackWatcher.follow(pack, live, Duration.ofHours(1), PackPolicy.any(), listener)) {
            // T1.2's top band moved from 5 % to 6 %: t1-organisation.yaml expects 3 points at exactly 5 %
            ValidateCommandTest.edit(pack.resolve("parameters.yaml"), "- { atLeast: 5, points: 3 }",
                    "- { atLeast: 6, points: 3 }");
            assertEquals(PackWatcher.Change.REFUSED, watcher.checkNow());
            assertTrue(refused.get(0).stream().anyMatch(p -> p.code().equals("TEST_FAILED")
                    && p.path().startsWith("tests/t1-organisation.yaml")), refused.toString());
            assertEquals(before, result(live), "assessments go on with the old pack");
            assertEquals(PackWatcher.Change.UNCHANGED, watcher.checkNow());
        }
    }

    @Test
    void anEditThatDoesNotCompileIsRefusedAndTheOldPackKeepsServing(@TempDir Path dir) throws IOException {
        Path pack = ValidateCommandTest.copy(dir);
        LiveAssessor live = LiveAssessor.of(RulePack.load(pack));
        String before = result(live);
        try (PackWatcher watcher = PackWatcher.follow(pack, live, Duration.ofHours(1), PackPolicy.any(), listener)) {
            ValidateCommandTest.edit(pack.resolve("rules/t2-capacity.drl"), "Indicator( id == \"T2.4\" )",
                    "Indicator( id == \"T2.4\" ");
            assertEquals(PackWatcher.Change.REFUSED, watcher.checkNow());
            assertTrue(refused.get(0).stream().anyMatch(p -> p.path().startsWith("rules/t2-capacity.drl")),
                    refused.toString());
            assertEquals(before, result(live));
        }
    }

    @Test
    void aGoodEditGoesLiveWithoutARestart(@TempDir Path dir) throws Exception {
        Path pack = ValidateCommandTest.copy(dir);
        RulePack first = RulePack.load(pack);
        LiveAssessor live = LiveAssessor.of(first);
        CountDownLatch swapped = new CountDownLatch(1);
        PackWatcher.Listener counting = new PackWatcher.Listener() {
            @Override
            public void accepted(RulePack p) {
                accepted.add(p);
                swapped.countDown();
            }

            @Override
            public void refused(List<Problem> problems) {
                refused.add(problems);
            }
        };
        try (PackWatcher watcher = PackWatcher.follow(pack, live, Duration.ofMillis(50), PackPolicy.any(), counting)) {
            // a clearer description of the pass line: the pack changes, its tests still pass
            ValidateCommandTest.edit(pack.resolve("parameters.yaml"), "zh: 达标线（基础分＋加分）",
                    "zh: 达标线（基础分与加分之和）");
            assertTrue(swapped.await(60, TimeUnit.SECONDS), "the watcher picked up the edit: " + refused);
            AssessmentResult r = ((Outcome.Assessed) live.assess(Files.readString(Path.of(SAMPLE)))).result();
            assertNotEquals(first.standard().sha256(), r.standard().sha256());
            assertEquals(accepted.get(0).standard(), r.standard(), "results name the new pack");
            assertTrue(refused.isEmpty(), refused.toString());
        }
    }

    private static String result(LiveAssessor live) throws IOException {
        return new ResultJson().write(((Outcome.Assessed) live.assess(Files.readString(Path.of(SAMPLE)))).result());
    }
}
