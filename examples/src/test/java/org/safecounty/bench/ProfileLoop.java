package org.safecounty.bench;

/** A plain loop over the province for a profiler to sample: {@code ProfileLoop [seconds] [threads]}. */
public final class ProfileLoop {

    private ProfileLoop() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Counties c = new Counties();
        c.load();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[] counts = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                int i = id;
                while (System.nanoTime() < end) {
                    c.assessor.assess(c.submissions.get(i++ % c.submissions.size()));
                    counts[id]++;
                }
            });
            workers[t].start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += counts[t];
        }
        System.out.printf("%d assessments in %d s with %d threads: %.0f/s%n", total, seconds, threads, total / (double) seconds);
    }
}
