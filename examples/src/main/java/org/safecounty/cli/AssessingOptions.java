package org.safecounty.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.text.Escape;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The options of the commands that assess: the rule pack to use and which packs may be loaded
 * ({@link PackPolicyOptions}). The language is the command line's {@code --lang}.
 */
final class AssessingOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "assess with the rule pack in DIR instead of the bundled one (also submissions naming a standard it extends)")
    private Path rules;

    @CommandLine.Mixin
    private PackPolicyOptions policyOptions;

    private RulePack pack;

    /**
     * The assessor of the pack in {@code --rules}, or of the bundled packs. Under an approved-only
     * policy a bundled pack is loaded (and refused, a {@link UserError}) when a submission first names it.
     *
     * @throws UserError (64) when the policy cannot be used or the pack cannot be loaded
     */
    Assessor assessor(CommandLine.Model.CommandSpec spec) {
        PackPolicy policy = policyOptions.policy(spec);
        if (rules == null) {
            return Assessor.bundled(policy);
        }
        try {
            pack = RulePack.load(rules, policy);
            return Assessor.ofRevision(pack);
        } catch (RulePackException e) {
            throw PackPolicyOptions.unloadable(rules.toString(), e);
        }
    }

    /** The pack given with {@code --rules}, once loaded; empty for the bundled packs. */
    Optional<RulePack> pack() {
        return Optional.ofNullable(pack);
    }
}
