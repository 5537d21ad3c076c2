package org.safecounty.cli;

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
 * plan check only warns of (a parameter no rule reads), which a followed pack ({@code PackWatcher})
 * is not swapped to either. Exit status 0 only when clean, else 64 (the pack is not fit to use). A
 * pack that cannot be read at all or that the policy refuses (not approved) is one line on the error
 * stream, 64.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"检查规则包：目录、参数、沙箱规则、文件清单与编译。",
                "Checks a rule pack: catalogue, parameters, sandbox, manifest and compiling.",
                "Exit status: 0 when clean, 64 when it has problems or warnings, cannot be read, is not approved, "
                        + "or for a usage error; 70 internal error."})
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
        Language lang = SafecountyCommand.language(spec);
        PackPolicy policy = policyOptions.policy(spec);
        List<Problem> problems;
        RulePack pack = null;
        PackFiles files = TestCommand.files(dir);
        Optional<Problem> refused = policy.refusal(files);
        if (refused.isPresent()) {
            throw UserError.usage(dir.toString(), refused.get().zh(), refused.get().en());
        }
        try {
            pack = RulePack.load(files, policy);
            problems = pack.warnings();
        } catch (RulePackException e) {
            problems = e.problems();
        }
        if (pack != null && problems.isEmpty()) {
            out.println(lang.say("规则包无误", "the pack is clean") + ": " + Escape.text(pack.id() + " " + pack.version())
                    + " sha256 " + pack.standard().sha256());
            out.flush();
            return ExitStatus.OK;
        }
        if (pack != null) {
            out.println(lang.say("规则包可以加载，但有 " + problems.size() + " 个警告",
                    "the pack loads, with " + problems.size() + " warning(s)") + ":");
        } else {
            out.println(lang.say("规则包有 " + problems.size() + " 个问题", "the pack has " + problems.size() + " problem(s)") + ":");
        }
        problems.forEach(p -> out.println("  " + Escape.text(p.path() + ": " + lang.say(p.zh(), p.en()))));
        out.flush();
        return ExitStatus.USAGE;
    }
}
