package org.safecounty.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.safecounty.BundledPackCopy;

/**
 * Times the command line as a user runs it, in fresh JVMs: one county, the province, the national
 * set under a 256 MB heap, and an edited pack on its first (compiling) and its cached run. Each
 * figure is the median of {@code runs} wall times; a run that exits other than 0 makes the figure
 * fail rather than look fast.
 */
final class CommandLineFigures {

    /** A figure: the command's median wall time in seconds. */
    record Figure(String what, double seconds, String goal) {
    }

    private final Path jar;
    private final Path scratch;
    private final int runs;

    CommandLineFigures(Path jar, Path scratch, int runs) {
        this.jar = jar;
        this.scratch = scratch;
        this.runs = runs;
    }

    List<Figure> measure(Path pack, Path gb2260) throws IOException, InterruptedException {
        List<Path> province = province();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("one county, bundled pack", median(() -> assess(List.of(), province.subList(0, 1))), "< 0.8 s"));
        figures.add(new Figure("province, 172 counties", median(() -> assess(List.of(), province)), "< 1.5 s"));
        Path edited = edited(pack);
        Path cache = scratch.resolve("cache");
        List<String> withEdited = List.of("--rules", edited.toString());
        figures.add(new Figure("edited pack, first run (compiles)", median(() -> {
            deleteTree(cache);
            return assess(withEdited, province.subList(0, 1));
        }), "< 2.5 s"));
        figures.add(new Figure("edited pack, cached run", median(() -> assess(withEdited, province.subList(0, 1))), "< 0.8 s"));
        Path national = national(gb2260);
        double nationalSeconds = time(command(List.of("-Xmx256m"), List.of("--format", "jsonl", "-")), national);
        figures.add(new Figure("national set, 14,250, -Xmx256m", nationalSeconds, "< 10 s"));
        return figures;
    }

    private interface Run {
        double seconds() throws IOException, InterruptedException;
    }

    private double median(Run run) throws IOException, InterruptedException {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = run.seconds();
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private double assess(List<String> options, List<Path> files) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(List.of("--format", "json"));
        files.forEach(f -> arguments.add(f.toString()));
        return time(command(List.of(), arguments), null);
    }

    private List<String> command(List<String> jvmOptions, List<String> assessArguments) {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "assess"));
        command.addAll(assessArguments);
        return command;
    }

    /** Wall time of one run; its input from {@code stdin} when given, its output discarded. */
    private double time(List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SAFECOUNTY_CACHE", scratch.resolve("cache").toString());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("exit " + exit + " from " + String.join(" ", command));
        }
        return seconds;
    }

    private List<Path> province() throws IOException {
        try (Stream<Path> files = Files.list(Counties.PROVINCE)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A copy of {@code pack} with a comment added to one rule file, so that no build compiled it before. */
    private Path edited(Path pack) throws IOException {
        Path copy = scratch.resolve("edited-pack");
        deleteTree(copy);
        BundledPackCopy.copy(pack, copy);
        try (Stream<Path> rules = Files.list(copy.resolve("rules"))) {
            Path rule = rules.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
            Files.writeString(rule, "\n// edited for the benchmark\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return copy;
    }

    /** The national set as JSON Lines, made by {@code NationalDataSet} in a JVM of its own. */
    private Path national(Path gb2260) throws IOException, InterruptedException {
        Path lines = scratch.resolve("national.jsonl");
        Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                "org.safecounty.examples.NationalDataSet", "--jsonl", "--data", gb2260.toString())
                .redirectOutput(lines.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("NationalDataSet failed");
        }
        return lines;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void print(List<Figure> figures) {
        for (Figure f : figures) {
            System.out.printf(Locale.ROOT, "  command line, %-36s %6.2f s   (goal %s)%n", f.what(), f.seconds(), f.goal());
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + (File.separatorChar == '\\' ? ".exe" : "");
    }
}
