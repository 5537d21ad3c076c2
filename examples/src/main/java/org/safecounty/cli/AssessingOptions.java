package org.safecounty.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.text.Escape;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The options of the commands that assess: the language of their output, the rule pack to use and
 * which packs may be loaded ({@link PackPolicyOptions}).
 */
final class AssessingOptions {

    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en", description = "zh (default) or en")
    private String lang;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "assess with the rule pack in DIR instead of the bundled one (also submissions naming a standard it extends)")
    private Path rules;

    @CommandLine.Mixin
    private PackPolicyOptions policyOptions;

    private RulePack pack;

    /** The language, or empty after saying why on {@code err}. */
    Optional<Lang> language(PrintWriter err) {
        try {
            return Optional.of(Lang.parse(lang));
        } catch (IllegalArgumentException e) {
            err.println("--lang: " + Escape.text(e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * The assessor of the pack in {@code --rules}, or of the bundled packs; empty after saying on
     * the command's error stream why the policy cannot be used or the pack cannot be loaded. Under
     * an approved-only policy a bundled pack is loaded (and refused, {@link PackPolicyOptions.Refused})
     * when a submission first names it.
     */
    Optional<Assessor> assessor(CommandLine.Model.CommandSpec spec) {
        Optional<PackPolicy> policy = policyOptions.policy(spec);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        if (rules == null) {
            return Optional.of(Assessor.bundled(policy.get()));
        }
        try {
            pack = RulePack.load(rules, policy.get());
            return Optional.of(Assessor.ofRevision(pack));
        } catch (RulePackException e) {
            PackPolicyOptions.printUnloadable(spec.commandLine().getErr(), rules.toString(), e);
            return Optional.empty();
        }
    }

    /** The pack given with {@code --rules}, once loaded; empty for the bundled packs. */
    Optional<RulePack> pack() {
        return Optional.ofNullable(pack);
    }
}
