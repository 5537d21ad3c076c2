package org.safecounty.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        Language lang = SafecountyCommand.language(spec);
        checkUsable();
        Lang markdownLang = format == Format.markdown ? oneLanguage(spec, "Markdown") : Lang.ZH;
        Assessor assessor = options.assessor(spec);
        BatchInputs.Inputs inputs;
        if (stdin()) {
            inputs = BatchInputs.lines(SafecountyCommand.in(spec), assessor.limits().maxChars() * 4L);
        } else {
            if (list != null && Files.isDirectory(list)) {
                throw UserError.usage("--list " + list, "这是文件夹，应为每行一个路径的文件",
                        "it is a folder, not a file of paths one a line");
            }
            try {
                inputs = BatchInputs.files(files, list, assessor.limits().maxChars() * 4L);
            } catch (IOException e) {
                IoReason why = IoReason.of(e);
                throw UserError.usage("--list " + list, "无法读取：" + why.zh(), "cannot read: " + why.en(), e);
            }
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        lastPool = new InOrder(n, InOrder.windowFor(n));
        Optional<Progress> progress = Progress.onTerminal(err, inputs.total());
        try {
            Tally tally = format == Format.jsonl
                    ? streamLines(assessor, inputs, out, progress)
                    : printAll(assessor, inputs, out, progress, lang, markdownLang);
            if (tally.count() == 0) {
                noteNothing(err, lang, nothingFound());
            }
            return tally.allAssessed() ? ExitStatus.OK : ExitStatus.REJECTED;
        } catch (OutputClosed e) {
            // the batch stops; the top of the command line says that the output was lost (64)
            progress.ifPresent(Progress::clear);
            return ExitStatus.USAGE;
        } catch (RuntimeException | Error e) {
            // the top of the command line says what it was; the progress line must not stay under it
            progress.ifPresent(Progress::clear);
            out.flush();
            throw e;
        }
    }

    /**
     * The one language of a report written in one (Markdown, HTML): {@code --lang zh|en}, else
     * Chinese; {@code --lang both} is a usage error there.
     */
    static Lang oneLanguage(CommandLine.Model.CommandSpec spec, String format) {
        Language chosen = SafecountyCommand.chosenLanguage(spec).orElse(Language.ZH);
        return chosen.one().orElseThrow(() -> UserError.usage("--lang both",
                format + " 只用一种语言写：zh 或 en", format + " is written in one language: zh or en"));
    }

    /** How many submissions a run took, and whether every one was assessed. */
    private record Tally(long count, boolean allAssessed) {
    }

    /** Where no submission was found: standard input, or the paths given. */
    private String nothingFound() {
        if (stdin()) {
            return "-";
        }
        List<String> given = new ArrayList<>(files.stream().map(Path::toString).toList());
        if (list != null) {
            given.add("--list " + list);
        }
        return String.join(" ", given);
    }

    /**
     * An empty batch (an empty folder or list, nothing on standard input) is no mistake, for a job
     * may run over a folder that is empty today: exit status 0, and one line on the error stream
     * so that a person is not left wondering.
     */
    static void noteNothing(PrintWriter err, Language lang, String place) {
        err.println(Escape.text(place) + ": " + lang.say("没有找到提交材料，未评价任何县", "found no submission; nothing assessed"));
        err.flush();
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
    private boolean cannotWrite(PrintWriter out) {
        return out.checkError() || SafecountyCommand.cannotWrite(spec.commandLine());
    }

    /** The pool of the last run. */
    InOrder lastPool() {
        return lastPool;
    }

    private boolean stdin() {
        return files.size() == 1 && files.get(0).toString().equals("-");
    }

    /** @throws UserError (64) when the inputs cannot be used */
    private void checkUsable() {
        if (threads != null && (threads < 1 || threads > 1024)) {
            throw UserError.usage("--threads " + threads, "应为 1 到 1024", "must be from 1 to 1024");
        }
        if (files.isEmpty() && list == null) {
            throw UserError.usage("assess", "没有要评价的提交材料：请给出 FILE、DIR、--list FILE 或 -",
                    "nothing to assess: give FILE, DIR, --list FILE or -");
        }
        boolean dash = files.stream().anyMatch(f -> f.toString().equals("-"));
        if (dash && (files.size() > 1 || list != null)) {
            throw UserError.usage("-", "只能单独使用（从标准输入读 JSON Lines），不能再给 FILE、DIR 或 --list",
                    "stands alone (JSON Lines on standard input), with no FILE, DIR or --list");
        }
    }

    /**
     * JSON Lines: each result written, on the thread that writes, as soon as it and every one
     * before it are done, and flushed whenever the next is not done yet. Nothing is kept.
     *
     * @return how many submissions there were and whether every one was assessed
     */
    private Tally streamLines(Assessor assessor, BatchInputs.Inputs inputs, PrintWriter out,
                                Optional<Progress> progress) {
        ResultJson json = new ResultJson();
        record Line(String text, boolean assessed) {
        }
        boolean[] all = {true};
        long[] count = {0};
        boolean[] unflushed = {false};
        lastPool.run(inputs.iterator(), (BatchInputs.Input in) -> {
            Outcome o = in.assess().apply(assessor);
            return new Line(json.writeLine(in.source(), o), o.assessed());
        }, (Line line) -> {
            out.write(line.text());
            unflushed[0] = true;
            all[0] &= line.assessed();
            count[0]++;
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
        return new Tally(count[0], all[0]);
    }

    /**
     * Text, JSON or Markdown: the whole batch printed at the end, in the same bytes as when files
     * were assessed one after another; the outcomes are kept until then.
     */
    private Tally printAll(Assessor assessor, BatchInputs.Inputs inputs, PrintWriter out, Optional<Progress> progress,
                           Language lang, Lang markdownLang) {
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
            options.pack().ifPresent(p -> out.print(PackNote.markdown(p, markdownLang == Lang.EN ? Language.EN : Language.ZH)));
            printMarkdown(assessor, outcomes, out, markdownLang);
        } else {
            options.pack().ifPresent(p -> out.println(PackNote.line(p, lang)));
            printText(assessor, outcomes, out, lang);
        }
        out.flush();
        return new Tally(outcomes.size(), outcomes.stream().allMatch(e -> e.getValue().assessed()));
    }

    /**
     * Assesses one file; a problem of the file or of its pack is a rejection, except that a pack
     * the policy refuses (a bundled pack that is not approved) stops the command (a {@link UserError}).
     */
    static Outcome assess(Assessor assessor, Path file) {
        long most = assessor.limits().maxChars() * 4L;
        Optional<String> json;
        try {
            if (Files.size(file) > most) {
                // a file that says it is too large is refused unread: it costs no memory
                return tooLarge(most);
            }
            json = read(file, most);
        } catch (IOException e) {
            return unreadable(e);
        }
        if (json.isEmpty()) {
            return tooLarge(most);
        }
        return assess(assessor, json.get());
    }

    /**
     * The text of a submission file, or empty when it holds more than {@code most} bytes. At most
     * {@code most + 1} bytes are ever read, whatever size the file claims: a device or a pipe says 0
     * ({@code /dev/zero}, a FIFO, a process substitution) and may never end.
     *
     * @throws IOException when it cannot be read or is not UTF-8 text
     */
    static Optional<String> read(Path file, long most) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(most + 1, Integer.MAX_VALUE - 16));
        }
        if (bytes.length > most) {
            return Optional.empty();
        }
        return Optional.of(StrictUtf8.decode(bytes));
    }

    /** A file of more than {@code most} bytes, rejected before any of it is parsed; the output names the file. */
    static Outcome.Rejected tooLarge(long most) {
        return new Outcome.Rejected(List.of(new Problem("$", "LIMIT_EXCEEDED",
                "文件过大：超过 " + most + " 字节", "the file is too large: more than " + most + " bytes")));
    }

    /** A file that cannot be read, rejected saying why ({@link IoReason}); the output names the file. */
    static Outcome.Rejected unreadable(IOException e) {
        IoReason why = IoReason.of(e);
        return new Outcome.Rejected(List.of(new Problem("$", "UNREADABLE", "无法读取文件：" + why.zh(),
                "cannot read the file: " + why.en())));
    }

    /** Assesses one submission's text, as {@link #assess(Assessor, Path)} does a file's. */
    static Outcome assess(Assessor assessor, String json) {
        try {
            return assessor.assess(json);
        } catch (RulePackException e) {
            Optional<Problem> refused = PackPolicyOptions.notApproved(e);
            if (refused.isPresent()) {
                throw PackPolicyOptions.unloadable(e.origin(), e);
            }
            return new Outcome.Rejected(e.problems());
        }
    }

    private static void printText(Assessor assessor, List<Map.Entry<String, Outcome>> outcomes, PrintWriter out,
                                  Language lang) {
        TextReport report = lang.one().map(TextReport::new).orElseGet(TextReport::new);
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
        out.println(summary(outcomes, lang));
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

    private static String summary(List<Map.Entry<String, Outcome>> outcomes, Language lang) {
        StringBuilder s = new StringBuilder(lang.label("汇总", "summary")).append('\n');
        s.append(String.format("  %-8s %-10s %-10s %8s  %s%n", lang.label("代码", "code"), lang.label("县", "county"),
                lang.label("结论", "verdict"), lang.label("总分", "total"), lang == Language.ZH ? "文件" : "file"));
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
