package org.safecounty.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.report.Lang;
import picocli.CommandLine.Option;

/** The options of the commands that assess: the language of their output and the rule pack to use. */
final class AssessingOptions {

    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en", description = "zh (default) or en")
    private String lang;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "assess with the rule pack in DIR instead of the bundled one")
    private Path rules;

    private RulePack pack;

    /** The language, or empty after saying why on {@code err}. */
    Optional<Lang> language(PrintWriter err) {
        try {
            return Optional.of(Lang.parse(lang));
        } catch (IllegalArgumentException e) {
            err.println("--lang: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The assessor of the pack in {@code --rules}, or of the bundled packs; empty after listing a pack's problems. */
    Optional<Assessor> assessor(PrintWriter err) {
        if (rules == null) {
            return Optional.of(Assessor.bundled());
        }
        try {
            pack = RulePack.load(rules);
            return Optional.of(Assessor.of(pack));
        } catch (RulePackException e) {
            err.println("规则包无法加载 / the rule pack cannot be loaded: " + rules);
            e.problems().forEach(p -> err.println("  " + p));
            return Optional.empty();
        }
    }

    /** The pack given with {@code --rules}, once loaded; empty for the bundled packs. */
    Optional<RulePack> pack() {
        return Optional.ofNullable(pack);
    }
}
