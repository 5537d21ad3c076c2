package org.safecounty.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import java.util.List;
import org.safecounty.PackValidation;
import org.safecounty.validation.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate DIR}: loads the pack as an assessor would (catalogue, parameters, the sandbox's
 * source check, the manifest, compiling), checks that rules and catalogue describe the same plan,
 * and lists every problem with file and line.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"检查规则包：目录、参数、沙箱规则、文件清单与编译。",
                "Checks a rule pack: catalogue, parameters, sandbox, manifest and compiling.",
                "Exit status: 0 when clean, 1 when a problem was found."})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "the rule pack folder")
    private Path dir;

    @Option(names = "--approved", split = ",", paramLabel = "DIGEST",
            description = "accept only a pack whose manifest digest is one of these")
    private Set<String> approved;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PackPolicy policy = approved == null || approved.isEmpty() ? PackPolicy.any() : PackPolicy.approved(approved);
        List<Problem> problems = PackValidation.validate(dir, policy);
        if (problems.isEmpty()) {
            RulePack pack = RulePack.load(dir, policy);
            out.println("规则包无误 the pack is clean: " + pack.id() + " " + pack.version() + " sha256 "
                    + pack.standard().sha256());
            out.flush();
            return 0;
        }
        out.println("规则包有 " + problems.size() + " 个问题 / the pack has " + problems.size() + " problem(s):");
        problems.forEach(p -> out.println("  " + p));
        out.flush();
        return 1;
    }
}
