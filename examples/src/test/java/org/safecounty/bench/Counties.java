package org.safecounty.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.rules.hebei2014.PlainScorer;
import org.safecounty.submission.Submission;

/**
 * The province data set (172 realistic submissions, about 60 evidence items each), read once, with
 * the bundled pack's assessor and the plain-Java scorer that is the floor.
 */
@State(Scope.Benchmark)
public class Counties {

    static final Path PROVINCE = Path.of(System.getProperty("safecounty.bench.province", "province"));

    public List<String> jsons;
    public List<Submission> submissions;
    public Assessor assessor;
    public PlainScorer floor;

    @Setup(Level.Trial)
    public void load() {
        assessor = Assessor.bundled();
        RulePack pack = assessor.pack("hebei-fds-county-2014").orElseThrow();
        floor = new PlainScorer();
        jsons = new ArrayList<>();
        submissions = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROVINCE)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String json = Files.readString(p);
                jsons.add(json);
                submissions.add(new SubmissionReader().read(json, id -> Optional.of(pack.catalogue().keys()))
                        .submission().orElseThrow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (submissions.size() != 172) {
            throw new IllegalStateException("expected the 172 counties of " + PROVINCE.toAbsolutePath());
        }
    }

    /** Where each thread is in the data set. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        public int next(int size) {
            int i = next;
            next = (next + 1) % size;
            return i;
        }
    }
}
