package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code diff --from PACK --to PACK FILE...}: assesses every submission under both packs and
 * reports what the second changes, for all counties together.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"比较两个规则包对同一批县的评价结果。",
                "Assesses every submission under two packs and reports what the second changes.",
                "PACK is a bundled pack's id (hebei-fds-county-2014) or a pack folder."})
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

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "submission files (JSON)")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<PackPolicy> policy = policyOptions.policy(spec);
        if (policy.isEmpty()) {
            return SafecountyCommand.EXIT_USAGE;
        }
        RulePack a;
        RulePack b;
        String loading = from;
        try {
            a = pack(from, policy.get());
            loading = to;
            b = pack(to, policy.get());
        } catch (RulePackException e) {
            PackPolicyOptions.printUnloadable(err, loading, e);
            return SafecountyCommand.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println(Escape.text(e.getMessage()));
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
        Map<String, String> submissions = new LinkedHashMap<>();
        for (Path f : files) {
            submissions.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
        }
        Comparison c = new PackComparison(a, b).compare(submissions);
        String text = switch (format) {
            case text -> ComparisonReport.text(c);
            case json -> ComparisonReport.json(c);
            case html -> ComparisonReport.html(c);
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** The pack in the folder {@code name}, or else the bundled pack of that id; either only if the policy allows it. */
    private static RulePack pack(String name, PackPolicy policy) {
        Path dir = Path.of(name);
        if (Files.isDirectory(dir)) {
            return RulePack.load(dir, policy);
        }
        return RulePack.bundled(name, policy).orElseThrow(() -> new IllegalArgumentException(
                "没有这个规则包 no such pack: " + name + "（随库规则包的 id 或规则包文件夹 a bundled pack's id or a pack folder）"));
    }
}
