package org.safecounty.examples;

// tag::threads[]
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.safecounty.Assessor;
import org.safecounty.result.Outcome;

/** One Assessor for the whole system, used by every thread at once: no lock, no copy per thread. */
public final class SharedAssessor {

    public static List<Outcome> assess(Assessor assessor, List<String> submissions, int threads)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (String json : submissions) {
                running.add(pool.submit(() -> assessor.assess(json)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : running) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
// end::threads[]
