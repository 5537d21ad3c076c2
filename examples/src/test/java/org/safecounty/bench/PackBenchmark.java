package org.safecounty.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.safecounty.RulePack;
import org.safecounty.pack.PackFiles;

/** Compiling the bundled pack: cold (first build in a JVM) and warm (a rebuild after an edit). */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PackBenchmark {

    static final Path PACK = Path.of(System.getProperty("safecounty.bench.pack", "../rules/hebei-fds-county-2014"));

    PackFiles files;

    @Setup(Level.Trial)
    public void read() throws IOException {
        files = PackFiles.fromDirectory(PACK);
    }

    @Benchmark
    public RulePack compile() {
        return RulePack.load(files);
    }
}
