package org.safecounty.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.safecounty.PackPolicy;
import org.safecounty.RulePackException;
import org.safecounty.internal.engine.PackCache;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Which packs a command may load, shared by every command that loads one ({@code assess},
 * {@code report}, {@code diff}, {@code test}, {@code validate}): {@code --approved DIGEST[,DIGEST]},
 * {@code --settings FILE}, and the environment ({@code SAFECOUNTY_APPROVED},
 * {@code SAFECOUNTY_SETTINGS}); and whether they keep compiled packs in the cache ({@code --no-cache}:
 * not; {@code SAFECOUNTY_CACHE}, {@code SAFECOUNTY_CACHE_MAX_MB}). The digests of every source add up; once any is configured, a pack
 * without a manifest or with an unapproved manifest digest, bundled packs included, is refused
 * with one line and exit status 64.
 */
final class PackPolicyOptions {

    @Option(names = "--approved", split = ",", paramLabel = "DIGEST",
            description = {"load only packs whose manifest digest is one of these (also: environment variable "
                    + PackPolicy.APPROVED_ENV + ", comma-separated)"})
    private List<String> approved;

    @Option(names = "--settings", paramLabel = "FILE",
            description = {"YAML settings file listing approved digests (approved: [DIGEST, ...]); "
                    + "default: the file named by " + PackPolicy.SETTINGS_ENV})
    private Path settings;

    @Option(names = "--no-cache",
            description = {"neither read nor write the compiled-pack cache (default folder: " + PackCache.DIR_ENV
                    + ", else $XDG_CACHE_HOME/safecounty/packs, else ~/.cache/safecounty/packs)"})
    private boolean noCache;

    /**
     * The policy of {@code --approved}, {@code --settings} and the command line's environment.
     *
     * @throws UserError (64) when it is set but cannot be used, saying why
     */
    PackPolicy policy(CommandLine.Model.CommandSpec spec) {
        try {
            PackPolicy policy = PackPolicy.fromEnvironment(SafecountyCommand.env(spec), settings);
            if (approved != null) {
                policy = policy.and(PackPolicy.parse(String.join(",", approved), "--approved"));
            }
            if (!noCache) {
                policy = policy.withCache(PackCache.fromEnvironment(SafecountyCommand.env(spec)));
            }
            return policy;
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    /** The problem that refused a pack as not approved, if that is why it cannot be loaded. */
    static Optional<Problem> notApproved(RulePackException e) {
        return e.problems().stream().filter(p -> PackPolicy.NOT_APPROVED.equals(p.code())).findFirst();
    }

    /**
     * Why a pack cannot be loaded, exit status 64: one line when the policy refused it or it cannot
     * be read at all (one problem at the pack's own place), else a line and every problem with its
     * file and line.
     */
    static UserError unloadable(String origin, RulePackException e) {
        Optional<Problem> refused = notApproved(e);
        if (refused.isPresent()) {
            return UserError.usage(origin, refused.get().zh(), refused.get().en());
        }
        List<Problem> problems = e.problems();
        if (problems.size() == 1 && problems.get(0).path().equals(origin)) {
            return UserError.usage(origin, problems.get(0).zh(), problems.get(0).en());
        }
        return UserError.usage(origin, "规则包无法加载", "the rule pack cannot be loaded")
                .withDetails(problems.stream().map(Problem::toString).toList());
    }
}
