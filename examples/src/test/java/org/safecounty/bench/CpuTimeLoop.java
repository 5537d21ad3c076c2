package org.safecounty.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CPU time and the bytes one county takes, through the rule pack and through the floor, by the
 * thread's own CPU clock: figures that hold when other jobs share the machine, as JMH's wall-clock
 * times do not. {@code CpuTimeLoop [rounds] [warm-up seconds]}: after the warm-up, each round
 * assesses the 172 counties of the province once through each and prints its figures; the last line
 * gives the medians.
 */
public final class CpuTimeLoop {

    private CpuTimeLoop() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Counties c = new Counties();
        c.load();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long end = System.nanoTime() + warmSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            engine(c);
            floor(c);
        }
        int n = c.submissions.size();
        double[] engineUs = new double[rounds];
        double[] floorUs = new double[rounds];
        double[] engineBytes = new double[rounds];
        double[] floorBytes = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = threads.getThreadAllocatedBytes(id);
            engine(c);
            engineUs[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
            engineBytes[r] = (threads.getThreadAllocatedBytes(id) - bytes) / (double) n;
            cpu = threads.getCurrentThreadCpuTime();
            bytes = threads.getThreadAllocatedBytes(id);
            floor(c);
            floorUs[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / n;
            floorBytes[r] = (threads.getThreadAllocatedBytes(id) - bytes) / (double) n;
            System.out.printf(Locale.ROOT, "round %2d: engine %8.1f µs CPU, %7.0f B; floor %6.1f µs CPU, %6.0f B%n",
                    r + 1, engineUs[r], engineBytes[r], floorUs[r], floorBytes[r]);
        }
        double e = median(engineUs);
        double f = median(floorUs);
        System.out.printf(Locale.ROOT, "median per county: engine %.1f µs CPU, floor %.1f µs CPU, engine/floor %.1f×;"
                + " allocated: engine %.0f B, floor %.0f B%n", e, f, e / f, median(engineBytes), median(floorBytes));
    }

    private static void engine(Counties c) {
        c.submissions.forEach(s -> c.assessor.assess(s));
    }

    private static void floor(Counties c) {
        c.submissions.forEach(s -> c.floor.score(s));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
