package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
                "Exit status: 0 when every case passes (and, with --require-coverage, every rule fired), 1 otherwise",
                "(a case fails or cannot be read), 64 for a usage error or a pack that cannot be loaded or is not approved",
                "(--approved, --settings, SAFECOUNTY_APPROVED, SAFECOUNTY_SETTINGS); 70 internal error."})
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
        Language lang = SafecountyCommand.language(spec);
        PackPolicy policy = policyOptions.policy(spec);
        PackFiles files = files(dir);
        PackSuite suite;
        try {
            suite = PackSuite.of(dir, files, policy);
        } catch (RulePackException e) {
            throw PackPolicyOptions.unloadable(dir.toString(), e);
        } catch (IllegalArgumentException e) {
            // a case that cannot be read is a failed test, not a broken pack: the pack itself loads.
            // The message lists every slip, each 中文 / English, so it is kept whole in any language.
            out.println(lang.say("测试无法读取", "the tests cannot be read") + ": " + Escape.text(String.valueOf(e.getMessage())));
            out.flush();
            return ExitStatus.TESTS_FAILED;
        }
        RulePack pack = suite.pack();
        List<CaseResult> results = suite.results();
        long failed = results.stream().filter(r -> !r.passed()).count();
        for (CaseResult r : results) {
            if (!r.passed()) {
                out.println("✗ " + Escape.text(r.testCase().label()));
                r.failures().forEach(f -> out.println("    " + Escape.text(f.what() + (lang == Language.EN ? ": " : "：")
                        + lang.label("期望", "expected") + " " + f.expected() + (lang == Language.EN ? ", " : "，")
                        + lang.label("实际", "actual") + " " + f.actual())));
            }
        }
        CaseReader.Cases cases = suite.cases();
        if (!cases.bases().isEmpty()) {
            out.println();
            out.println(Escape.text(lang == Language.BOTH ? PackSuite.summary(cases) : lang.say(
                    cases.cases().size() + " 个用例：本包 " + cases.own() + "，继承 " + cases.inherited() + "（其中调整 "
                            + cases.adjusted() + "），去掉 " + cases.dropped().size() + "，替换 " + cases.replaced(),
                    cases.cases().size() + " cases: own " + cases.own() + ", inherited " + cases.inherited() + " (adjusted "
                            + cases.adjusted() + "), dropped " + cases.dropped().size() + ", replaced " + cases.replaced())));
            cases.dropped().forEach(d -> out.println("  " + lang.label("去掉", "dropped") + ": " + Escape.text(d.label())
                    + " — " + Escape.text(d.because())));
        }
        List<String> never = suite.rulesNeverFired();
        out.println();
        out.println(lang.label("规则覆盖", "rule coverage") + ": " + (pack.ruleNames().size() - never.size()) + " / "
                + pack.ruleNames().size() + (lang == Language.ZH ? " 条规则至少在一个测试中触发" : " rules fired in at least one test"));
        never.forEach(n -> out.println("  " + lang.label("未被任何测试触发", "fired in no test") + ": " + Escape.text(n)));
        out.println(lang == Language.ZH ? "通过 " + (results.size() - failed) + "，失败 " + failed
                : (results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed > 0 || requireCoverage && !never.isEmpty() ? ExitStatus.TESTS_FAILED : ExitStatus.OK;
    }

    /**
     * The files of the pack in {@code dir}.
     *
     * @throws UserError (64) when it cannot be read: no such folder, not a folder, a link or hidden file
     */
    static PackFiles files(Path dir) {
        try {
            return PackFiles.fromDirectory(dir);
        } catch (IOException e) {
            Problem p = PackFiles.problem(dir.toString(), e);
            throw UserError.usage(dir.toString(), p.zh(), p.en(), e);
        }
    }
}
