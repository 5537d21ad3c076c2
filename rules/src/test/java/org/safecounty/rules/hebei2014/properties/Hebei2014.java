package org.safecounty.rules.hebei2014.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.submission.Submission;
import org.safecounty.testkit.QuickTheoriesGens;
import org.safecounty.testkit.SubmissionGenerator;

/**
 * The bundled pack, its assessor and generators, shared by the property tests; and the settings
 * that make CI repeatable: a fixed seed and a modest number of examples, which
 * {@code -Dsafecounty.properties.examples=N} and {@code -Dsafecounty.properties.seed=random|N}
 * change for longer random runs.
 */
final class Hebei2014 {

    static final Path DIR = Path.of("hebei-fds-county-2014");

    final PackFiles files;
    final RulePack pack;
    final Assessor assessor;
    final SubmissionGenerator generator;
    final ZeroDenominators zeros;

    /** One submission in this many gets 0 denominators; in it, one ratio in this many. */
    static final int ZERO_PASS_ONE_IN = 3;
    static final int ZERO_RATIO_ONE_IN = 4;

    private Hebei2014() {
        try {
            files = PackFiles.fromDirectory(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pack = RulePack.load(files);
        assessor = Assessor.of(pack);
        generator = new SubmissionGenerator(pack, new SubmissionGenerator.Options(2014, List.of()));
        zeros = new ZeroDenominators(pack.catalogue());
    }

    /** Loads the bundled pack from its folder; each test class keeps its own. */
    static Hebei2014 load() {
        return new Hebei2014();
    }

    /** QuickTheories with this run's seed and number of examples. */
    static QuickTheory qt() {
        return qt(Integer.getInteger("safecounty.properties.examples", 150));
    }

    /** QuickTheories with this run's seed and the given number of examples. */
    static QuickTheory qt(int examples) {
        String seed = System.getProperty("safecounty.properties.seed", "20141120");
        QuickTheory theory = QuickTheory.qt().withExamples(examples).withShrinkCycles(200);
        return "random".equals(seed) ? theory.withFixedSeed(System.nanoTime()) : theory.withFixedSeed(Long.parseLong(seed));
    }

    /**
     * Valid submissions: the testkit's, one in {@value #ZERO_PASS_ONE_IN} of them rewritten so that
     * about one ratio in {@value #ZERO_RATIO_ONE_IN} has a 0 denominator, its numerator counted as 0
     * or absent ({@link ZeroDenominators}); and every one kept consistent (no numerator above a
     * denominator, counted or fixed at 0).
     */
    Gen<ObjectNode> submissions() {
        return QuickTheoriesGens.draws().map(d -> {
            ObjectNode s = generator.valid(d);
            return d.oneIn(ZERO_PASS_ONE_IN) ? zeros.zero(d, s, ZERO_RATIO_ONE_IN) : zeros.keepConsistent(d, s);
        });
    }

    /** Valid submissions where about every other ratio has a 0 denominator, its numerator counted as 0 or absent. */
    Gen<ObjectNode> zeroDenominatorSubmissions() {
        return QuickTheoriesGens.draws().map(d -> zeros.zero(d, generator.valid(d), 2));
    }

    AssessmentResult assess(JsonNode submission) {
        return assess(assessor, submission);
    }

    static AssessmentResult assess(Assessor assessor, JsonNode submission) {
        Outcome outcome = assessor.assess(submission.toString());
        if (outcome instanceof Outcome.Assessed a) {
            return a.result();
        }
        throw new AssertionError("rejected: " + ((Outcome.Rejected) outcome).problems() + "\n" + submission);
    }

    /** The submission as the domain model, for the independent scorer. */
    Submission model(JsonNode submission) {
        return new SubmissionReader().read(submission.toString(), id -> Optional.of(pack.catalogue().keys()))
                .submission().orElseThrow();
    }

    /** A copy of the pack's files with one text replaced in one file. */
    RulePack edited(String file, String from, String to) {
        Map<String, byte[]> copy = new TreeMap<>(files.all());
        String text = new String(copy.get(file), StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalArgumentException(file + " has no " + from);
        }
        copy.put(file, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return RulePack.load(PackFiles.of("edited " + file, copy));
    }
}
