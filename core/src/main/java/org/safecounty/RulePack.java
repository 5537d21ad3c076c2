package org.safecounty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.safecounty.facts.CountyFacts;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.catalogue.CatalogueReader;
import org.safecounty.internal.catalogue.PackOverlay;
import org.safecounty.internal.catalogue.PlanCheck;
import org.safecounty.internal.engine.CompiledPacks;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.internal.rules.Evaluator;
import org.safecounty.internal.rules.RuleClassLoader;
import org.safecounty.internal.rules.RuleCompiler;
import org.safecounty.internal.rules.RuleFileCheck;
import org.safecounty.internal.rules.RuleVerifier;
import org.safecounty.result.Label;
import org.safecounty.result.Problem;
import org.safecounty.result.StandardRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standard encoded as a rule pack, read and compiled: its catalogue ({@code pack.yaml}), its
 * figures ({@code parameters.yaml}) and its rules ({@code rules/*.drl}). Immutable; load it once
 * and share it.
 *
 * <p>A pack loads only when its rules and catalogue describe the same plan ({@link PlanCheck}):
 * every item scored by exactly one rule, every rule scoring an item of the catalogue, the maxima
 * adding up. What the plan check only warns of (a parameter nothing reads) is kept in
 * {@link #warnings()} for {@code safecounty validate} to show.
 */
public final class RulePack {

    private static final Logger LOG = LoggerFactory.getLogger(RulePack.class);

    private final PackCatalogue catalogue;
    private final Parameters parameters;
    private final StandardRef standard;
    private final Evaluator evaluator;
    private final String origin;
    private final List<String> ruleNames;
    private final PackFiles files;
    private final List<Problem> warnings;
    private final CompiledPacks.Source source;
    private final Map<String, Label.Key> keyLabels;
    private final RuleCompiler.Compiled compiled;

    private RulePack(PackFiles files, PackCatalogue catalogue, Parameters parameters, StandardRef standard,
                     CompiledPacks.Source source, RuleCompiler.Compiled compiled, Evaluator evaluator, String origin,
                     List<String> ruleNames, List<Problem> warnings) {
        this.files = files;
        this.compiled = compiled;
        this.source = source;
        this.warnings = List.copyOf(warnings);
        this.catalogue = catalogue;
        this.parameters = parameters;
        this.standard = standard;
        this.evaluator = evaluator;
        this.origin = origin;
        this.ruleNames = List.copyOf(ruleNames);
        this.keyLabels = CountyFacts.keyLabels(catalogue.keys());
    }

    /** Loads and compiles the pack in a folder. */
    public static RulePack load(Path dir) {
        return load(dir, PackPolicy.any());
    }

    /** Loads and compiles the pack in a folder, if the policy allows it. */
    public static RulePack load(Path dir, PackPolicy policy) {
        PackFiles files;
        try {
            files = PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            // a symbolic link, hidden or oversized file refuses the pack, naming the path
            throw new RulePackException(dir.toString(), List.of(PackFiles.problem(dir.toString(), e)));
        }
        return load(files, policy);
    }

    /** Loads the pack with this id bundled on the classpath ({@code safecounty/packs/<id>/}). */
    public static Optional<RulePack> bundled(String id) {
        return bundled(id, PackPolicy.any());
    }

    /** Loads the bundled pack with this id, if the policy allows it. */
    public static Optional<RulePack> bundled(String id, PackPolicy policy) {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try {
            return PackFiles.fromClasspath(id, RulePack.class.getClassLoader()).map(files -> load(files, policy));
        } catch (IOException e) {
            throw new RulePackException("classpath:" + id, List.of(PackFiles.problem(id, e)));
        }
    }

    /**
     * Compiles a pack from its files; every problem is reported together.
     *
     * <p>For safecounty's own tools: it names an internal type, so it is not part of the published
     * API and may change.
     */
    public static RulePack load(PackFiles files) {
        return load(files, PackPolicy.any());
    }

    /**
     * Compiles a pack from its files if the policy allows it: files that no longer match the
     * pack's manifest, or (approved-only) a manifest whose digest is not approved, refuse the pack
     * before anything is compiled.
     *
     * <p>For safecounty's own tools: it names an internal type, so it is not part of the published
     * API and may change.
     */
    public static RulePack load(PackFiles files, PackPolicy policy) {
        return load(files, policy, baseLocator(files));
    }

    /** Where a pack read from {@code files} finds the packs it extends, as its test cases do. */
    private static Function<String, Optional<PackFiles>> baseLocator(PackFiles files) {
        return PackOverlay.besideOrBundled(files);
    }

    private static RulePack load(PackFiles own, PackPolicy policy, Function<String, Optional<PackFiles>> bases) {
        return load(own, policy, bases, null, true, null);
    }

    /**
     * Loads a pack as {@link #load(PackFiles, PackPolicy)} does, finding the packs it extends through
     * {@code bases}; when its rule files, laid over its bases, are byte for byte those of
     * {@code sameRules}, that pack's rule base is used instead of compiling. Rules read the figures
     * through the global {@code params} at run time, so a revision that changes only
     * {@code parameters.yaml} (the policy workbench's drafts) loads in milliseconds; its catalogue,
     * parameters and plan are still read and checked as for any pack.
     *
     * <p>For safecounty's own tools: it names an internal type, so it is not part of the published
     * API and may change.
     */
    public static RulePack load(PackFiles files, PackPolicy policy, Function<String, Optional<PackFiles>> bases,
                                RulePack sameRules) {
        return load(files, policy, bases, null, true, sameRules);
    }

    /** Loads a pack compiling its rules whatever compiled forms there are: to compare with them. */
    static RulePack compiledFromSource(PackFiles own) {
        return load(own, PackPolicy.any(), baseLocator(own), null, false, null);
    }

    /**
     * Loads a pack as {@link #load(PackFiles, PackPolicy)} does and gives {@code made} the
     * compiled form its rule base came from, with the digest of the files it was compiled from:
     * for {@link PackPrecompiler}.
     */
    static RulePack load(PackFiles own, PackPolicy policy, java.util.function.BiConsumer<String, CompiledPacks.Obtained> made) {
        return load(own, policy, baseLocator(own), made, true, null);
    }

    private static RulePack load(PackFiles own, PackPolicy policy, Function<String, Optional<PackFiles>> bases,
                                 java.util.function.BiConsumer<String, CompiledPacks.Obtained> made, boolean forms,
                                 RulePack sameRules) {
        List<Problem> integrity = integrity(own, policy);
        if (!integrity.isEmpty()) {
            throw new RulePackException(own.origin(), integrity);
        }
        PackOverlay.Resolved resolved;
        try {
            resolved = new PackOverlay(bases).resolve(own);
        } catch (PackOverlay.OverlayException e) {
            throw new RulePackException(own.origin(), e.problems());
        }
        PackFiles files = resolved.files();
        long start = System.nanoTime();
        // a revision's pack.yaml and parameters.yaml were read by the overlay: problems name the file that wrote them
        CatalogueReader reader = new CatalogueReader(resolved.documents());
        Parameters parameters = reader.readParameters(files);
        PackCatalogue catalogue = reader.readCatalogue(files, parameters);
        List<Problem> problems = new ArrayList<>(reader.problems());
        if (catalogue != null) {
            problems.addAll(resolved.named(new RuleFileCheck().check(files, catalogue, parameters)));
        }
        if (!problems.isEmpty()) {
            // listed with the rest; on the way to a good pack the compiler verifies the rules itself
            problems.addAll(resolved.named(new RuleVerifier().check(files)));
            throw new RulePackException(files.origin(), problems);
        }
        CompiledPacks.Obtained obtained = sameRules != null && sameRuleFiles(files, sameRules.files)
                ? new CompiledPacks.Obtained(sameRules.compiled, sameRules.source, null)
                : CompiledPacks.obtain(files, catalogue.id(), policy.usableCache().orElse(null),
                        forms, new RuleClassLoader(RulePack.class.getClassLoader()));
        boolean reused = sameRules != null && obtained.compiled() == sameRules.compiled;
        RuleCompiler.Compiled compiled = obtained.compiled();
        if (!compiled.problems().isEmpty()) {
            throw new RulePackException(files.origin(), resolved.named(compiled.problems()));
        }
        // the plan once the rules compile: a rule that does not compile is one problem, not also an unscored item
        PlanCheck.Findings plan = new PlanCheck().check(files, catalogue, parameters, reader);
        if (!plan.errors().isEmpty()) {
            if (!reused) {
                compiled.container().dispose();
            }
            throw new RulePackException(files.origin(), resolved.named(plan.errors()));
        }
        List<Problem> warnings = resolved.named(plan.warnings());
        warnings.forEach(w -> LOG.info("rule pack {}: {}", files.origin(), w));
        StandardRef standard = new StandardRef(catalogue.id(), catalogue.version(), own.sha256(), catalogue.zh(),
                catalogue.en(), resolved.bases());
        LOG.info("loaded rule pack {} {} from {} in {} ms ({})", catalogue.id(), catalogue.version(), files.origin(),
                (System.nanoTime() - start) / 1_000_000, reused ? "rule base of " + sameRules.id() + " reused"
                        : switch (obtained.source()) {
                    case COMPILED -> "compiled";
                    case BUNDLED_FORM -> "compiled form from the rules jar";
                    case CACHE -> "compiled form from the cache";
                });
        if (made != null) {
            made.accept(files.sha256(), obtained);
        }
        return new RulePack(files, catalogue, parameters, standard, obtained.source(), compiled,
                new Evaluator(compiled.kieBase(), compiled.container(), catalogue, parameters,
                        org.safecounty.internal.rules.RuleParameters.scan(files)), files.origin(),
                compiled.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                        .map(r -> r.getName()).sorted().toList(), warnings);
    }

    /** Whether two packs' rule files ({@code rules/*.drl}, after any overlay) are the same paths with the same bytes. */
    private static boolean sameRuleFiles(PackFiles a, PackFiles b) {
        java.util.Set<String> paths = new java.util.TreeSet<>(a.ruleFiles());
        return paths.equals(new java.util.TreeSet<>(b.ruleFiles()))
                && paths.stream().allMatch(p -> java.util.Arrays.equals(a.all().get(p), b.all().get(p)));
    }

    /**
     * What the plan check warns of without refusing the pack (a parameter no rule reads), each with
     * its file and line; {@code safecounty validate} lists them.
     */
    public List<Problem> warnings() {
        return warnings;
    }

    /** The names of every rule of the pack, sorted. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    /**
     * An unapproved pack is refused by that alone (one problem, {@code NOT_APPROVED}); otherwise
     * every file that no longer matches the manifest.
     */
    private static List<Problem> integrity(PackFiles files, PackPolicy policy) {
        Optional<Problem> refused = policy.refusal(files);
        if (refused.isPresent()) {
            return List.of(refused.get());
        }
        return new ArrayList<>(PackManifest.check(files));
    }

    public String id() {
        return catalogue.id();
    }

    public String version() {
        return catalogue.version();
    }

    /** Id, version and SHA-256 over the pack's files, as every result names them. */
    public StandardRef standard() {
        return standard;
    }

    /**
     * The pack's catalogue: tasks, indicators, keys, verdict levels, scoring.
     *
     * <p>For safecounty's own tools: it names an internal type, so it is not part of the published
     * API and may change.
     */
    public PackCatalogue catalogue() {
        return catalogue;
    }

    public Parameters parameters() {
        return parameters;
    }

    /**
     * The files the pack was built from: for a revision, laid over the packs it extends.
     *
     * <p>For safecounty's own tools: it names an internal type, so it is not part of the published
     * API and may change.
     */
    public PackFiles files() {
        return files;
    }

    /** Where the pack was loaded from. */
    public String origin() {
        return origin;
    }

    Evaluator evaluator() {
        return evaluator;
    }

    /** Where the rule base came from: compiled now, or a compiled form (the rules jar's, the cache's). */
    CompiledPacks.Source source() {
        return source;
    }

    /** The label of every key, built once per pack: explanations name keys by them. */
    Map<String, Label.Key> keyLabels() {
        return keyLabels;
    }
}
