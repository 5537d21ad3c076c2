package org.safecounty.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.compare.Comparison;
import org.safecounty.internal.compare.ComparisonReport;
import org.safecounty.internal.compare.PackComparison;
import org.safecounty.internal.text.Escape;
import org.safecounty.submission.SubmissionLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code diff --from PACK --to PACK FILE|DIR...}: assesses every submission under both packs and
 * reports what the second changes, for all counties together. A file that cannot be read or is no
 * valid submission is listed as not compared and makes the exit status 2; the others are compared.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"比较两个规则包对同一批县的评价结果。",
                "Assesses every submission under two packs and reports what the second changes.",
                "PACK is a bundled pack's id (hebei-fds-county-2014) or a pack folder; DIR stands for every *.json in it.",
                "Exit status: 0 all compared, 2 any submission unreadable or rejected (listed as not compared), "
                        + "64 usage error or a pack that cannot be loaded, 70 internal error."})
final class DiffCommand implements Callable<Integer> {

    enum Format { text, json, html }

    @Option(names = "--from", required = true, paramLabel = "PACK", description = "the pack in force")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "PACK", description = "the revision to compare with")
    private String to;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or html")
    private Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of the terminal")
    private Path out;

    @CommandLine.Mixin
    private PackPolicyOptions policyOptions;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "submission files (JSON), or folders of them")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Language lang = SafecountyCommand.language(spec);
        if (out != null) {
            Output.checkFile(out, "--out");
        }
        PackPolicy policy = policyOptions.policy(spec);
        RulePack a = pack("--from", from, policy);
        RulePack b = pack("--to", to, policy);
        Map<String, String> submissions = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (Path f : files.stream().flatMap(f -> BatchInputs.expand(f).stream()).toList()) {
            try {
                long most = SubmissionLimits.defaults().maxChars() * 4L;
                Optional<String> json = AssessCommand.read(f, most);
                if (json.isPresent()) {
                    submissions.put(f.toString(), json.get());
                } else {
                    unreadable.put(f.toString(), lang.say("文件过大：超过 " + most + " 字节",
                            "the file is too large: more than " + most + " bytes"));
                }
            } catch (IOException e) {
                IoReason why = IoReason.of(e);
                unreadable.put(f.toString(), lang.say("无法读取文件：" + why.zh(), "cannot read the file: " + why.en()));
            }
        }
        if (submissions.isEmpty() && unreadable.isEmpty()) {
            AssessCommand.noteNothing(spec.commandLine().getErr(), lang,
                    String.join(" ", files.stream().map(Path::toString).toList()));
        }
        Comparison c = withUnreadable(new PackComparison(a, b).compare(submissions), unreadable);
        String text = switch (format) {
            case text -> notes(lang, a, b) + lang.one().map(l -> ComparisonReport.text(c, l))
                    .orElseGet(() -> ComparisonReport.text(c));
            case json -> ComparisonReport.json(c);
            case html -> notes(lang.one().map(l -> ComparisonReport.html(c, l)).orElseGet(() -> ComparisonReport.html(c)),
                    lang, a, b);
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Output.write(out, text, "--out");
        }
        return c.notCompared().isEmpty() ? ExitStatus.OK : ExitStatus.REJECTED;
    }

    /** The comparison with the files that could not be read among those not compared. */
    private static Comparison withUnreadable(Comparison c, Map<String, String> unreadable) {
        if (unreadable.isEmpty()) {
            return c;
        }
        Map<String, String> notCompared = new LinkedHashMap<>(c.notCompared());
        notCompared.putAll(unreadable);
        return new Comparison(c.from(), c.to(), c.counties(), c.verdicts(), c.matrix(), c.changes(), c.tasks(),
                c.indicators(), c.newMissingKeys(), c.ignoredKeys(), notCompared);
    }

    /** A line for each pack loaded from a folder ({@link PackNote}), before the text. */
    private String notes(Language lang, RulePack a, RulePack b) {
        StringBuilder s = new StringBuilder();
        for (RulePack p : local(a, b)) {
            s.append(PackNote.line(p, lang)).append('\n');
        }
        return s.isEmpty() ? "" : s.append('\n').toString();
    }

    /** The page with a note for each pack loaded from a folder. */
    private String notes(String page, Language lang, RulePack a, RulePack b) {
        List<RulePack> local = local(a, b);
        for (int i = local.size() - 1; i >= 0; i--) {
            page = PackNote.html(page, local.get(i), lang);
        }
        return page;
    }

    private List<RulePack> local(RulePack a, RulePack b) {
        List<RulePack> local = new ArrayList<>();
        if (Files.isDirectory(Path.of(from))) {
            local.add(a);
        }
        if (Files.isDirectory(Path.of(to))) {
            local.add(b);
        }
        return local;
    }

    /**
     * The pack in the folder {@code name}, or else the bundled pack of that id; either only if the
     * policy allows it.
     *
     * @throws UserError (64) when there is none or it cannot be loaded
     */
    private static RulePack pack(String option, String name, PackPolicy policy) {
        try {
            Path dir = Path.of(name);
            if (Files.isDirectory(dir)) {
                return RulePack.load(dir, policy);
            }
            return RulePack.bundled(name, policy).orElseThrow(() -> UserError.usage(option + " " + name,
                    "没有这个规则包（应为随库规则包的 id 或规则包文件夹）", "no such pack (a bundled pack's id or a pack folder)"));
        } catch (RulePackException e) {
            throw PackPolicyOptions.unloadable(name, e);
        } catch (java.nio.file.InvalidPathException e) {
            throw UserError.usage(option + " " + name, "不是路径", "not a path");
        }
    }
}
