package org.safecounty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.safecounty.facts.CountyFacts;
import org.safecounty.facts.EvidenceCounter;
import org.safecounty.facts.Profile;
import org.safecounty.facts.RelationCheck;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.rules.Evaluator;
import org.safecounty.internal.validation.ModelCheck;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.CountyRef;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.TaskScore;
import org.safecounty.submission.Submission;
import org.safecounty.submission.SubmissionLimits;

/**
 * Assesses county submissions with rule packs. Build it once and share it: it is thread-safe, and
 * each assessment runs in a rule session of its own.
 *
 * <pre>{@code
 * Assessor assessor = Assessor.of(RulePack.load(Path.of("rules/my-standard")));
 * Outcome outcome = assessor.assess(json);
 * }</pre>
 */
public final class Assessor {

    private final Function<String, Optional<RulePack>> packs;
    private final SubmissionReader reader;
    private final ModelCheck check;

    private Assessor(Function<String, Optional<RulePack>> packs, SubmissionLimits limits) {
        this.packs = packs;
        this.reader = new SubmissionReader(limits);
        this.check = new ModelCheck(limits);
    }

    private Assessor(Function<String, Optional<RulePack>> packs) {
        this(packs, SubmissionLimits.defaults());
    }

    /** The same assessor with other input limits. */
    public Assessor withLimits(SubmissionLimits limits) {
        return new Assessor(packs, limits);
    }

    public SubmissionLimits limits() {
        return reader.limits();
    }

    /** An assessor for submissions that name this pack's standard. */
    public static Assessor of(RulePack pack) {
        return new Assessor(id -> id.equals(pack.id()) ? Optional.of(pack) : Optional.empty());
    }

    /**
     * An assessor for submissions that name this pack's standard or a standard it extends: a
     * revision assesses the counties that applied under the standard it revises (its results name
     * the revision). For trying a revision on last year's submissions ({@code assess --rules} on an
     * overlay, the policy workbench).
     */
    public static Assessor ofRevision(RulePack pack) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        ids.add(pack.id());
        pack.standard().bases().forEach(b -> ids.add(b.id()));
        return new Assessor(id -> ids.contains(id) ? Optional.of(pack) : Optional.empty());
    }

    /** An assessor for any standard bundled on the classpath, each pack loaded on first use. */
    public static Assessor bundled() {
        return bundled(PackPolicy.any());
    }

    /** An assessor for the bundled standards the policy allows, each pack loaded on first use. */
    public static Assessor bundled(PackPolicy policy) {
        Map<String, Optional<RulePack>> loaded = new ConcurrentHashMap<>();
        return new Assessor(id -> loaded.computeIfAbsent(id, name -> RulePack.bundled(name, policy)));
    }

    /** The pack this assessor uses for a standard id, if it has one. */
    public Optional<RulePack> pack(String standardId) {
        return packs.apply(standardId);
    }

    /** Reads, checks and assesses a submission in the exchange format's JSON. */
    public Outcome assess(String json) {
        return trace(json).outcome();
    }

    /**
     * Assesses a batch, in parallel on the common pool, every submission on its own: a rejected one
     * never stops the others. The outcomes are in the order of the inputs.
     */
    public List<Outcome> assessAll(List<String> jsons) {
        return jsons.parallelStream().map(this::assess).toList();
    }

    /**
     * Assesses a submission built in Java; it is checked first as one read from JSON is (its texts,
     * sizes, ids, and its keys and values against its standard), with the same paths and codes.
     */
    public Outcome assess(Submission submission) {
        List<Problem> invalid = check.check(submission, this::keys);
        if (!invalid.isEmpty()) {
            return new Outcome.Rejected(invalid);
        }
        return evaluate(submission).outcome();
    }

    /** An outcome and every rule that fired to make it, in firing order (for rule coverage). */
    public record Traced(Outcome outcome, List<String> rulesFired) {
        public Traced {
            rulesFired = List.copyOf(rulesFired);
        }
    }

    /** Assesses a submission and says which rules fired: what {@code safecounty test} measures coverage by. */
    public Traced trace(String json) {
        SubmissionReader.Read read = reader.read(json, this::keys);
        if (read.submission().isEmpty()) {
            return new Traced(new Outcome.Rejected(read.problems()), List.of());
        }
        return evaluate(read.submission().get());
    }

    private Optional<Map<String, KeySpec>> keys(String standardId) {
        return packs.apply(standardId).map(p -> p.catalogue().keys());
    }

    /**
     * Counts the evidence of a checked submission and runs the rules. Checked means by the reader
     * or by {@link ModelCheck}, never both: each checks once what the other would.
     */
    private Traced evaluate(Submission submission) {
        String standardId = submission.assessment().standard();
        RulePack pack = packs.apply(standardId).orElseThrow(() -> new IllegalStateException(
                "a checked submission names a standard with no pack: " + standardId));
        EvidenceCounter.Counted counted = new EvidenceCounter(pack.catalogue().counting(), pack.parameters())
                .count(submission);
        List<Problem> inconsistent = new ArrayList<>(counted.conflicts());
        inconsistent.addAll(new RelationCheck().check(counted.measures(), submission.county(), pack.catalogue().keys()));
        if (!inconsistent.isEmpty()) {
            return new Traced(new Outcome.Rejected(inconsistent), List.of());
        }
        var c = submission.county();
        var a = submission.assessment();
        CountyFacts facts = new CountyFacts(
                new Profile(c.code(), c.name(), c.city(), c.population(), c.townships(), c.villages(), a.year(),
                        a.date(), a.mode()),
                counted.measures(), counted.incidents(), pack.catalogue().keys(), counted.unmet(),
                pack.catalogue().scoring().notApplicable(), pack.keyLabels());
        Evaluator.Evaluation e = pack.evaluator().evaluate(facts);
        if (!e.problems().isEmpty()) {
            return new Traced(new Outcome.Rejected(e.problems()), e.rulesFired());
        }
        List<TaskScore> tasks = new ArrayList<>();
        pack.catalogue().tasks().forEach(t -> tasks.add(new TaskScore(t.id(),
                e.indicators().stream().filter(i -> i.task().equals(t.id())).map(i -> i.score())
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add),
                t.max())));
        var tally = e.tally();
        return new Traced(new Outcome.Assessed(new AssessmentResult(new CountyRef(c.code(), c.name(), c.city()),
                pack.standard(), a.year(), a.date(), a.mode(), tally.getVerdict(), tally.getTotal(), tally.getBase(), tally.getBonus(), tasks,
                e.indicators(), e.bonus(), e.vetoes(), e.undecided(), counted.notAccepted(), tally.rectification(), e.vetoChecks())),
                e.rulesFired());
    }
}
