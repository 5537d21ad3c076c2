package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.safecounty.Assessor;
import org.safecounty.Outcome;
import org.safecounty.RulePackException;
import org.safecounty.report.Escape;
import org.safecounty.report.Lang;
import org.safecounty.report.MarkdownReport;
import org.safecounty.report.ResultJson;
import org.safecounty.report.TextReport;
import org.safecounty.result.AssessmentResult;
import org.safecounty.validation.Problem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assess}: assesses every file given, even when some are rejected. Exit status 0 when all
 * were assessed, 2 when any was rejected, 64 for a usage error or a rule pack that cannot load.
 */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"评价一个或多个县的提交材料。Assess one or more county submissions.",
                "Exit status: 0 all assessed, 2 any rejected, 64 usage error, a broken rule pack or one that is not approved."})
final class AssessCommand implements Callable<Integer> {

    enum Format { text, json, markdown }

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or markdown")
    private Format format;

    @CommandLine.Mixin
    private AssessingOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "submission files (JSON)")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Lang> language = options.language(err);
        Optional<Assessor> found = language.isEmpty() ? Optional.empty() : options.assessor(spec);
        if (found.isEmpty()) {
            return SafecountyCommand.EXIT_USAGE;
        }
        Assessor assessor = found.get();
        List<Map.Entry<String, Outcome>> outcomes = new ArrayList<>();
        try {
            for (Path file : files) {
                outcomes.add(new AbstractMap.SimpleEntry<>(file.toString(), assess(assessor, file)));
            }
        } catch (PackPolicyOptions.Refused e) {
            err.println(e.getMessage());
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
        if (format == Format.json) {
            out.print(new ResultJson().writeBatch(outcomes));
        } else if (format == Format.markdown) {
            printMarkdown(assessor, outcomes, out, language.get());
        } else {
            printText(assessor, outcomes, out);
        }
        out.flush();
        return outcomes.stream().allMatch(e -> e.getValue().assessed()) ? 0 : 2;
    }

    /**
     * Assesses one file; a problem of the file or of its pack is a rejection, except that a pack
     * the policy refuses (a bundled pack that is not approved) stops the command
     * ({@link PackPolicyOptions.Refused}).
     */
    static Outcome assess(Assessor assessor, Path file) {
        String json;
        try {
            long size = Files.size(file);
            long most = assessor.limits().maxChars() * 4L;
            if (size > most) {
                // refused before reading, so that a huge file costs no memory
                return new Outcome.Rejected(List.of(new Problem("$", "LIMIT_EXCEEDED",
                        "文件过大：" + size + " 字节，上限 " + most, "the file is too large: " + size + " bytes, at most " + most)));
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new Outcome.Rejected(List.of(new Problem("$", "UNREADABLE", "无法读取文件：" + e.getMessage(),
                    "cannot read the file: " + e.getMessage())));
        }
        try {
            return assessor.assess(json);
        } catch (RulePackException e) {
            Optional<Problem> refused = PackPolicyOptions.notApproved(e);
            if (refused.isPresent()) {
                throw new PackPolicyOptions.Refused(PackPolicyOptions.refusal(e.origin(), refused.get()));
            }
            return new Outcome.Rejected(e.problems());
        }
    }

    private static void printText(Assessor assessor, List<Map.Entry<String, Outcome>> outcomes, PrintWriter out) {
        TextReport report = new TextReport();
        for (Map.Entry<String, Outcome> e : outcomes) {
            out.println("== " + Escape.text(e.getKey()));
            if (e.getValue() instanceof Outcome.Assessed a) {
                AssessmentResult r = a.result();
                out.print(report.render(r, assessor.pack(r.standard().id()).orElseThrow().catalogue()));
            } else {
                out.print(report.renderRejected(((Outcome.Rejected) e.getValue()).problems()));
            }
            out.println();
        }
        out.println(summary(outcomes));
    }

    private static void printMarkdown(Assessor assessor, List<Map.Entry<String, Outcome>> outcomes, PrintWriter out,
                                      Lang lang) {
        MarkdownReport report = new MarkdownReport();
        boolean first = true;
        for (Map.Entry<String, Outcome> e : outcomes) {
            if (!first) {
                out.println();
            }
            first = false;
            if (e.getValue() instanceof Outcome.Assessed a) {
                AssessmentResult r = a.result();
                out.print(report.render(r, assessor.pack(r.standard().id()).orElseThrow().catalogue(), lang));
            } else {
                out.print(report.renderRejected(e.getKey(), ((Outcome.Rejected) e.getValue()).problems(), lang));
            }
        }
    }

    private static String summary(List<Map.Entry<String, Outcome>> outcomes) {
        StringBuilder s = new StringBuilder("汇总 summary\n");
        s.append(String.format("  %-8s %-10s %-10s %8s  %s%n", "代码 code", "县 county", "结论 verdict", "总分 total", "file"));
        for (Map.Entry<String, Outcome> e : outcomes) {
            if (e.getValue() instanceof Outcome.Assessed a) {
                AssessmentResult r = a.result();
                s.append(String.format("  %-8s %-10s %-10s %8s  %s%n", Escape.text(r.county().code()),
                        Escape.text(r.county().name()), r.verdict(),
                        r.totalScore().setScale(2, java.math.RoundingMode.HALF_UP), Escape.text(e.getKey())));
            } else {
                s.append(String.format("  %-8s %-10s %-10s %8s  %s%n", "-", "-", "REJECTED", "-", Escape.text(e.getKey())));
            }
        }
        return s.toString();
    }
}
