package org.safecounty.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;

/**
 * Runs every benchmark and prints each figure beside the plain-Java floor measured in the same run,
 * ending with one line: {@code engine/floor ratio R, throughput T/s, compile C ms}.
 *
 * <p>{@code mvn -B -q install -DskipTests && mvn -B -q -pl examples -Pbench test-compile exec:exec}
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        boolean quick = Boolean.getBoolean("safecounty.bench.quick");
        int seconds = quick ? 1 : 2;

        Collection<RunResult> latency = run(base(seconds).include(AssessBenchmark.class.getName() + ".")
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS).threads(1));
        double engineUs = score(latency, "engine");
        double engineJsonUs = score(latency, "engineFromJson");
        double floorUs = score(latency, "floor");

        double[] engineOps = new double[3];
        double[] floorOps = new double[3];
        for (int threads = 1; threads <= 2; threads++) {
            Collection<RunResult> thrpt = run(base(seconds).include(AssessBenchmark.class.getName() + ".(engine|floor)$")
                    .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(threads));
            engineOps[threads] = score(thrpt, "engine");
            floorOps[threads] = score(thrpt, "floor");
        }

        Collection<RunResult> cold = run(new OptionsBuilder().include(PackBenchmark.class.getName())
                .mode(Mode.SingleShotTime).timeUnit(TimeUnit.MILLISECONDS).forks(3).warmupIterations(0)
                .measurementIterations(1));
        Collection<RunResult> warm = run(base(seconds).include(PackBenchmark.class.getName() + ".compile$")
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MILLISECONDS));
        double coldMs = score(cold, "compile");
        double coldFormMs = score(cold, "loadCompiledForm");
        double warmMs = score(warm, "compile");

        Collection<RunResult> small = run(base(seconds).include(AssessBenchmark.class.getName() + ".engine$")
                .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(2).jvmArgsAppend("-Xmx64m"));
        double smallHeapOps = score(small, "engine");

        long[] heap = rebuildHeap(quick ? 50 : 200);
        List<CommandLineFigures.Figure> commandLine = commandLine(quick ? 1 : 3);

        System.out.println();
        System.out.println("== safecounty benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores)");
        line("per county, from the domain model", engineUs, floorUs, "µs", engineUs / floorUs);
        System.out.printf(Locale.ROOT, "  per county, from JSON           engine %10.1f µs%n", engineJsonUs);
        line("throughput, 1 thread", engineOps[1], floorOps[1], "/s", floorOps[1] / engineOps[1]);
        line("throughput, 2 threads", engineOps[2], floorOps[2], "/s", floorOps[2] / engineOps[2]);
        System.out.printf(Locale.ROOT, "  throughput, 2 threads, -Xmx64m  engine %10.0f /s, %.2f of the default heap's%n",
                smallHeapOps, smallHeapOps / engineOps[2]);
        System.out.printf(Locale.ROOT, "  pack compile: cold %.0f ms, warm rebuild %.0f ms; cold load of its compiled form %.0f ms%n",
                coldMs, warmMs, coldFormMs);
        System.out.printf(Locale.ROOT, "  heap after GC: %d MB before, %d MB after %d rebuilds%n",
                heap[0] >> 20, heap[1] >> 20, heap[2]);
        CommandLineFigures.print(commandLine);
        System.out.printf(Locale.ROOT, "engine/floor ratio %.1f, throughput %.0f/s, compile %.0f ms%n",
                engineUs / floorUs, engineOps[2], coldMs);
    }

    private static ChainedOptionsBuilder base(int seconds) {
        return new OptionsBuilder().forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(3).measurementTime(TimeValue.seconds(seconds)).shouldFailOnError(true);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .mapToDouble(r -> r.getPrimaryResult().getScore()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }

    /** A figure beside its floor; {@code slower} is how many times slower the engine is. */
    private static void line(String what, double engine, double floor, String unit, double slower) {
        System.out.printf(Locale.ROOT, "  %-32s engine %10.1f %s, floor %10.1f %s, engine %.1f× slower%n",
                what, engine, unit, floor, unit, slower);
    }

    /** Used heap after a full GC, before and after {@code n} rebuilds of the bundled pack. */
    private static long[] rebuildHeap(int n) throws IOException {
        PackFiles files = PackBenchmark.edited(PackFiles.fromDirectory(PackBenchmark.PACK));
        RulePack.load(files);
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            RulePack.load(files);
        }
        return new long[] {before, usedAfterGc(), n};
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The command line's figures, when its jar is built; none otherwise. */
    private static List<CommandLineFigures.Figure> commandLine(int runs) throws IOException, InterruptedException {
        Path jar = Path.of("target/safecounty.jar");
        if (!Files.exists(jar)) {
            System.out.println("no target/safecounty.jar: the command line is not measured");
            return List.of();
        }
        Path scratch = Files.createTempDirectory("safecounty-bench");
        try {
            Path gb2260 = Path.of(System.getProperty("safecounty.bench.gb2260", "data/gb2260-hebei.tsv"));
            return new CommandLineFigures(jar, scratch, runs).measure(PackBenchmark.PACK, gb2260);
        } finally {
            CommandLineFigures.deleteTree(scratch);
        }
    }

}
