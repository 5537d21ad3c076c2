package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.safecounty.Assessor;
import org.safecounty.RulePackException;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.report.MarkdownReport;
import org.safecounty.internal.report.TextReport;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code assess}: assesses every submission given, even when some are rejected, on a bounded pool
 * of threads, in the order given. Files, folders (their {@code *.json} in name order) and a list
 * file, or JSON Lines on standard input ({@code -}). {@code --format jsonl} writes each result as
 * soon as it and those before it are done, holding at most a window of submissions; the other
 * formats print the whole batch at the end. Exit status 0 when all were assessed, 2 when any was
 * rejected, 64 for a usage error or a rule pack that cannot load, 70 for an internal error.
 */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"评价一个或多个县的提交材料。Assess one or more county submissions.",
                "FILE|DIR|-: a submission file, a folder (every *.json in it, in name order), or - alone for "
                        + "JSON Lines on standard input (one submission a line).",
                "Exit status: 0 all assessed, 2 any rejected, 64 usage error, a broken rule pack or one that is not approved, "
                        + "70 internal error."})
final class AssessCommand implements Callable<Integer> {

    enum Format { text, json, markdown, jsonl }

    @Option(names = "--format", defaultValue = "text",
            description = "text (default), json, markdown, or jsonl: one result a line, written as they are done")
    private Format format;

    @Option(names = "--threads", paramLabel = "N",
            description = "assess on N threads at once (default: one a processor)")
    private Integer threads;

    @Option(names = "--list", paramLabel = "FILE",
            description = "also assess the files FILE names, one path a line (after any FILE|DIR given)")
    private Path list;

    @CommandLine.Mixin
    private AssessingOptions options;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR|-", description = "submission files (JSON), folders of them, or -")
    private List<Path> files = List.of();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The pool of the last run, for tests that look at its window. */
    private InOrder lastPool;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> unusable = unusable();
        if (unusable.isPresent()) {
            err.println(unusable.get());
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
        Optional<Lang> language = options.language(err);
        Optional<Assessor> found = language.isEmpty() ? Optional.empty() : options.assessor(spec);
        if (found.isEmpty()) {
            return SafecountyCommand.EXIT_USAGE;
        }
        Assessor assessor = found.get();
        BatchInputs.Inputs inputs;
        try {
            inputs = stdin() ? BatchInputs.lines(SafecountyCommand.in(spec), assessor.limits().maxChars() * 4L)
                    : BatchInputs.files(files, list);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "没有这个文件 no such file" : e.getMessage();
            err.println("--list: 无法读取 cannot read " + Escape.text(list.toString()) + ": " + Escape.text(why));
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        lastPool = new InOrder(n, InOrder.windowFor(n));
        Optional<Progress> progress = Progress.onTerminal(err, inputs.total());
        try {
            boolean allAssessed = format == Format.jsonl
                    ? streamLines(assessor, inputs, out, progress)
                    : printAll(assessor, inputs, out, progress, language.get());
            return allAssessed ? 0 : 2;
        } catch (OutputClosed e) {
            progress.ifPresent(Progress::clear);
            err.println("无法写出结果，已停止 cannot write the output (a closed pipe?): stopped");
            err.flush();
            return SafecountyCommand.EXIT_INTERNAL;
        } catch (PackPolicyOptions.Refused e) {
            progress.ifPresent(Progress::clear);
            out.flush();
            err.println(e.getMessage());
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        } catch (RuntimeException | Error e) {
            progress.ifPresent(Progress::clear);
            out.flush();
            err.println("内部错误 internal error: " + Escape.text(String.valueOf(e)));
            e.printStackTrace(err);
            err.flush();
            return SafecountyCommand.EXIT_INTERNAL;
        }
    }

    /** The output cannot be written any more (a pipe closed by its reader): the batch stops. */
    private static final class OutputClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputClosed() {
            super(null, null, false, false);
        }
    }

    /**
     * Whether writing the output failed. picocli's writer wraps {@code System.out}, a print stream
     * that keeps its failures to itself, so that is asked too.
     */
    private static boolean cannotWrite(PrintWriter out) {
        return out.checkError() || System.out.checkError();
    }

    /** The pool of the last run. */
    InOrder lastPool() {
        return lastPool;
    }

    private boolean stdin() {
        return files.size() == 1 && files.get(0).toString().equals("-");
    }

    /** Why the inputs cannot be used, if they cannot. */
    private Optional<String> unusable() {
        if (threads != null && (threads < 1 || threads > 1024)) {
            return Optional.of("--threads: 1 到 1024 from 1 to 1024, not " + threads);
        }
        if (files.isEmpty() && list == null) {
            return Optional.of("没有要评价的提交材料 nothing to assess: give FILE, DIR, --list FILE or -");
        }
        boolean dash = files.stream().anyMatch(f -> f.toString().equals("-"));
        if (dash && (files.size() > 1 || list != null)) {
            return Optional.of("- 只能单独使用 stands alone: JSON Lines on standard input, with no FILE, DIR or --list");
        }
        return Optional.empty();
    }

    /**
     * JSON Lines: each result written, on the thread that writes, as soon as it and every one
     * before it are done, and flushed whenever the next is not done yet. Nothing is kept.
     *
     * @return whether every submission was assessed
     */
    private boolean streamLines(Assessor assessor, BatchInputs.Inputs inputs, PrintWriter out,
                                Optional<Progress> progress) {
        ResultJson json = new ResultJson();
        record Line(String text, boolean assessed) {
        }
        boolean[] all = {true};
        boolean[] unflushed = {false};
        lastPool.run(inputs.iterator(), (BatchInputs.Input in) -> {
            Outcome o = in.assess().apply(assessor);
            return new Line(json.writeLine(in.source(), o), o.assessed());
        }, (Line line) -> {
            out.write(line.text());
            unflushed[0] = true;
            all[0] &= line.assessed();
            progress.ifPresent(p -> p.count(line.assessed()));
        }, () -> {
            if (unflushed[0]) {
                progress.ifPresent(Progress::clear);
                out.flush();
                unflushed[0] = false;
                if (cannotWrite(out)) {
                    throw new OutputClosed();
                }
            }
        });
        out.flush();
        if (cannotWrite(out)) {
            throw new OutputClosed();
        }
        progress.ifPresent(Progress::finish);
        return all[0];
    }

    /**
     * Text, JSON or Markdown: the whole batch printed at the end, in the same bytes as when files
     * were assessed one after another; the outcomes are kept until then.
     */
    private boolean printAll(Assessor assessor, BatchInputs.Inputs inputs, PrintWriter out, Optional<Progress> progress,
                             Lang lang) {
        List<Map.Entry<String, Outcome>> outcomes = new ArrayList<>();
        lastPool.run(inputs.iterator(),
                (BatchInputs.Input in) -> new AbstractMap.SimpleEntry<>(in.source(), in.assess().apply(assessor)),
                (Map.Entry<String, Outcome> e) -> {
                    outcomes.add(e);
                    progress.ifPresent(p -> p.count(e.getValue().assessed()));
                }, () -> { });
        progress.ifPresent(Progress::finish);
        if (format == Format.json) {
            out.print(new ResultJson().writeBatch(outcomes));
        } else if (format == Format.markdown) {
            printMarkdown(assessor, outcomes, out, lang);
        } else {
            printText(assessor, outcomes, out);
        }
        out.flush();
        return outcomes.stream().allMatch(e -> e.getValue().assessed());
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
        return assess(assessor, json);
    }

    /** Assesses one submission's text, as {@link #assess(Assessor, Path)} does a file's. */
    static Outcome assess(Assessor assessor, String json) {
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
