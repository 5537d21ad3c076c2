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
import org.safecounty.internal.authoring.PackSuite;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.CaseResult;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code test DIR}: runs the pack's own test cases ({@code DIR/tests/*.yaml}) and, for a pack that
 * extends another, its base's cases as the pack adjusts them; prints each failure with what was
 * expected and what came, how many cases were inherited, adjusted, dropped (with why) and replaced,
 * and the rule coverage: the rules that fired in no test.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"运行规则包自带的测试用例（继承其他规则包时连同所继承的用例），并列出没有被任何测试触发的规则。",
                "Runs the pack's own test cases (with those it inherits, for a pack that extends another)",
                "and lists the rules that fired in no test.",
                "Exit status: 0 when every case passes (and, with --require-coverage, every rule fired), 1 otherwise,",
                "64 for a pack that is not approved (--approved, --settings, SAFECOUNTY_APPROVED, SAFECOUNTY_SETTINGS)."})
final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "the rule pack folder")
    private Path dir;

    @Option(names = "--require-coverage", description = "fail unless every rule fired in at least one test")
    private boolean requireCoverage;

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
        PackFiles files;
        try {
            files = PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            out.println("规则包无法加载 / the rule pack cannot be loaded: " + Escape.text(dir.toString()));
            out.println("  " + Escape.text(PackFiles.problem(dir.toString(), e).toString()));
            out.flush();
            return 1;
        }
        PackSuite suite;
        try {
            suite = PackSuite.of(dir, files, policy.get());
        } catch (RulePackException e) {
            Optional<Problem> refused = PackPolicyOptions.notApproved(e);
            if (refused.isPresent()) {
                PackPolicyOptions.printUnloadable(spec.commandLine().getErr(), dir.toString(), e);
                return SafecountyCommand.EXIT_USAGE;
            }
            out.println("规则包无法加载 / the rule pack cannot be loaded:");
            e.problems().forEach(p -> out.println("  " + Escape.text(p.toString())));
            out.flush();
            return 1;
        } catch (IllegalArgumentException e) {
            out.println("测试无法读取 / the tests cannot be read: " + Escape.text(e.getMessage()));
            out.flush();
            return 1;
        }
        RulePack pack = suite.pack();
        List<CaseResult> results = suite.results();
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (CaseResult r : results) {
            if (!r.passed()) {
                out.println("✗ " + Escape.text(r.testCase().label()));
                r.failures().forEach(f -> out.println("    " + Escape.text(f.what() + "：期望 expected " + f.expected()
                        + "，实际 actual " + f.actual())));
            }
        }
        CaseReader.Cases cases = suite.cases();
        if (!cases.bases().isEmpty()) {
            out.println();
            out.println(Escape.text(PackSuite.summary(cases)));
            cases.dropped().forEach(d -> out.println("  去掉 dropped: " + Escape.text(d.label()) + " — "
                    + Escape.text(d.because())));
        }
        List<String> never = suite.rulesNeverFired();
        out.println();
        out.println("规则覆盖 rule coverage: " + (pack.ruleNames().size() - never.size()) + " / "
                + pack.ruleNames().size() + " rules fired in at least one test");
        never.forEach(n -> out.println("  未被任何测试触发 fired in no test: " + Escape.text(n)));
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed > 0 || requireCoverage && !never.isEmpty() ? 1 : 0;
    }
}
