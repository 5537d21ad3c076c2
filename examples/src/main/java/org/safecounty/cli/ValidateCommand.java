package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code validate DIR}: loads the pack as an assessor would (catalogue, parameters, the sandbox's
 * source check, the manifest, compiling, and that rules and catalogue describe the same plan) and
 * lists every problem that refuses it with file and line; a pack that loads is listed with what the
 * plan check only warns of (a parameter no rule reads). Either is exit status 1. A pack the policy
 * refuses (not approved) is one line and exit status 64.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"检查规则包：目录、参数、沙箱规则、文件清单与编译。",
                "Checks a rule pack: catalogue, parameters, sandbox, manifest and compiling.",
                "Exit status: 0 when clean, 1 when a problem was found, 64 for a usage error or a pack that is not approved."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "the rule pack folder")
    private Path dir;

    @CommandLine.Mixin
    private PackPolicyOptions policyOptions;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PackPolicy> policy = policyOptions.policy(spec);
        if (policy.isEmpty()) {
            return SafecountyCommand.EXIT_USAGE;
        }
        List<Problem> problems;
        RulePack pack = null;
        try {
            PackFiles files = PackFiles.fromDirectory(dir);
            Optional<Problem> refused = policy.get().refusal(files);
            if (refused.isPresent()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(PackPolicyOptions.refusal(dir.toString(), refused.get()));
                err.flush();
                return SafecountyCommand.EXIT_USAGE;
            }
            pack = RulePack.load(files, policy.get());
            problems = pack.warnings();
        } catch (RulePackException e) {
            problems = e.problems();
        } catch (IOException e) {
            problems = List.of(PackFiles.problem(dir.toString(), e));
        }
        if (pack != null && problems.isEmpty()) {
            out.println("规则包无误 the pack is clean: " + Escape.text(pack.id() + " " + pack.version()) + " sha256 "
                    + pack.standard().sha256());
            out.flush();
            return 0;
        }
        if (pack != null) {
            out.println("规则包可以加载，但有 " + problems.size() + " 个警告 / the pack loads, with " + problems.size()
                    + " warning(s):");
        } else {
            out.println("规则包有 " + problems.size() + " 个问题 / the pack has " + problems.size() + " problem(s):");
        }
        problems.forEach(p -> out.println("  " + Escape.text(p.toString())));
        out.flush();
        return 1;
    }
}
