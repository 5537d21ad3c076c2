package org.safecounty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.safecounty.facts.Parameters;
import org.safecounty.pack.CatalogueReader;
import org.safecounty.pack.PackCatalogue;
import org.safecounty.pack.PackFiles;
import org.safecounty.result.StandardRef;
import org.safecounty.rules.Evaluator;
import org.safecounty.rules.RuleCompiler;
import org.safecounty.rules.RuleFileCheck;
import org.safecounty.validation.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standard encoded as a rule pack, read and compiled: its catalogue ({@code pack.yaml}), its
 * figures ({@code parameters.yaml}) and its rules ({@code rules/*.drl}). Immutable; load it once
 * and share it.
 */
public final class RulePack {

    private static final Logger LOG = LoggerFactory.getLogger(RulePack.class);

    private final PackCatalogue catalogue;
    private final Parameters parameters;
    private final StandardRef standard;
    private final Evaluator evaluator;
    private final String origin;

    private RulePack(PackCatalogue catalogue, Parameters parameters, StandardRef standard, Evaluator evaluator,
                     String origin) {
        this.catalogue = catalogue;
        this.parameters = parameters;
        this.standard = standard;
        this.evaluator = evaluator;
        this.origin = origin;
    }

    /** Loads and compiles the pack in a folder. */
    public static RulePack load(Path dir) {
        try {
            return load(PackFiles.fromDirectory(dir));
        } catch (IOException e) {
            throw new RulePackException(dir.toString(), List.of(new Problem(dir.toString(), "PACK_UNREADABLE",
                    "无法读取规则包：" + e.getMessage(), "cannot read the rule pack: " + e.getMessage())));
        }
    }

    /** Loads the pack with this id bundled on the classpath ({@code safecounty/packs/<id>/}). */
    public static Optional<RulePack> bundled(String id) {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try {
            return PackFiles.fromClasspath(id, RulePack.class.getClassLoader()).map(RulePack::load);
        } catch (IOException e) {
            throw new RulePackException("classpath:" + id, List.of(new Problem(id, "PACK_UNREADABLE",
                    "无法读取规则包：" + e.getMessage(), "cannot read the rule pack: " + e.getMessage())));
        }
    }

    /** Compiles a pack from its files; every problem is reported together. */
    public static RulePack load(PackFiles files) {
        long start = System.nanoTime();
        CatalogueReader reader = new CatalogueReader();
        Parameters parameters = reader.readParameters(files);
        PackCatalogue catalogue = reader.readCatalogue(files, parameters);
        List<Problem> problems = new ArrayList<>(reader.problems());
        if (catalogue != null) {
            problems.addAll(new RuleFileCheck().check(files, catalogue, parameters));
        }
        if (!problems.isEmpty()) {
            throw new RulePackException(files.origin(), problems);
        }
        RuleCompiler.Compiled compiled = new RuleCompiler().compile(files, catalogue.id(), RulePack.class.getClassLoader());
        if (!compiled.problems().isEmpty()) {
            throw new RulePackException(files.origin(), compiled.problems());
        }
        StandardRef standard = new StandardRef(catalogue.id(), catalogue.version(), files.sha256());
        LOG.info("loaded rule pack {} {} from {} in {} ms", catalogue.id(), catalogue.version(), files.origin(),
                (System.nanoTime() - start) / 1_000_000);
        return new RulePack(catalogue, parameters, standard,
                new Evaluator(compiled.kieBase(), compiled.container(), catalogue, parameters), files.origin());
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

    public PackCatalogue catalogue() {
        return catalogue;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Where the pack was loaded from. */
    public String origin() {
        return origin;
    }

    Evaluator evaluator() {
        return evaluator;
    }
}
