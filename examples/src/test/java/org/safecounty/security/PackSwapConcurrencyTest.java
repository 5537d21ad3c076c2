package org.safecounty.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.LiveAssessor;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;

/**
 * Several threads assess the whole province over and over while the pack is swapped back and forth
 * between two versions: every result is byte for byte what assessing that county alone with the
 * version it names gives, and none is lost.
 */
class PackSwapConcurrencyTest {

    static final Path PACK = Path.of("../rules/hebei-fds-county-2014");

    @Test
    void everyResultDuringRepeatedSwapsIsTheResultOfThePackItNames() throws Exception {
        RulePack a = RulePack.load(PACK);
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(PACK).all());
        String parameters = new String(files.get("parameters.yaml"), StandardCharsets.UTF_8);
        files.put("parameters.yaml", parameters.replace("ref: \"§7\"\n  value: 90", "ref: \"§7\"\n  value: 95")
                .getBytes(StandardCharsets.UTF_8));
        RulePack b = RulePack.load(PackFiles.of("pass line 95", files));
        List<String> jsons = province();
        ResultJson json = new ResultJson();
        Map<String, List<String>> alone = new HashMap<>();
        for (RulePack pack : List.of(a, b)) {
            Assessor assessor = Assessor.of(pack);
            alone.put(pack.standard().sha256(), jsons.stream()
                    .map(j -> json.write(((Outcome.Assessed) assessor.assess(j)).result())).toList());
        }

        LiveAssessor live = LiveAssessor.of(a);
        AtomicBoolean running = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                int done = 0;
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < jsons.size(); i++) {
                        AssessmentResult r = ((Outcome.Assessed) live.assess(jsons.get(i))).result();
                        String sha = r.standard().sha256();
                        seen.add(sha);
                        assertEquals(alone.get(sha).get(i), json.write(r), "county " + i + " under " + sha);
                        done++;
                    }
                }
                return done;
            }));
        }
        Thread swapper = new Thread(() -> {
            boolean toB = true;
            while (running.get()) {
                live.replace(toB ? b : a);
                toB = !toB;
                Thread.onSpinWait();
            }
        });
        swapper.start();
        int total = 0;
        for (Future<Integer> w : workers) {
            total += w.get();
        }
        running.set(false);
        swapper.join();
        pool.shutdown();
        assertEquals(4 * 3 * jsons.size(), total, "no assessment lost");
        assertEquals(Set.of(a.standard().sha256(), b.standard().sha256()), seen, "both versions served");
        assertTrue(!a.standard().sha256().equals(b.standard().sha256()));
    }

    static List<String> province() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("province"))) {
            List<String> jsons = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                jsons.add(Files.readString(p));
            }
            return jsons;
        }
    }
}
