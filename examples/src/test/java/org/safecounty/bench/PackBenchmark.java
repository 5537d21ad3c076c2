package org.safecounty.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;

/**
 * Compiling the bundled pack: cold (first build in a JVM) and warm (a rebuild after an edit). The
 * pack is edited in memory (a comment added to a rule file), so that it is compiled rather than
 * loaded from the form compiled into the rules jar; {@link #loadCompiledForm} loads that form.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PackBenchmark {

    static final Path PACK = Path.of(System.getProperty("safecounty.bench.pack", "../rules/hebei-fds-county-2014"));

    PackFiles files;
    PackFiles edited;

    @Setup(Level.Trial)
    public void read() throws IOException {
        files = PackFiles.fromDirectory(PACK);
        edited = edited(files);
    }

    /** The pack with a comment added to a rule file: the same rules, files no build has compiled. */
    static PackFiles edited(PackFiles files) {
        Map<String, byte[]> all = new TreeMap<>(files.all());
        String first = files.ruleFiles().get(0);
        all.put(first, (files.text(first).orElseThrow() + "\n// edited for the benchmark\n").getBytes(StandardCharsets.UTF_8));
        return PackFiles.of(files.origin(), all);
    }

    @Benchmark
    public RulePack compile() {
        return RulePack.load(edited);
    }

    @Benchmark
    public RulePack loadCompiledForm() {
        return RulePack.load(files);
    }
}
