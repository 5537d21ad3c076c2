package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.report.HtmlReport;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.report.ReportEntry;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code report}: assesses every file and writes self-contained HTML: {@code DIR/index.html}, an
 * overview of the batch, and one page per county beside it. Exit status as for {@code assess}:
 * 0 all assessed, 2 any rejected (its problems are on the overview), 64 usage error or a broken
 * rule pack.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"为一个或多个县生成 HTML 评价报告。Write HTML reports for one or more counties.",
                "Writes DIR/index.html (overview: verdict counts, ranking overall and within each city) and one page per county.",
                "Exit status: 0 all assessed, 2 any rejected or unreadable, 64 usage error, a broken rule pack or one that is "
                        + "not approved, an --out that is a file or cannot be made; 70 internal error."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write the pages to")
    private Path out;

    @Option(names = "--title", paramLabel = "TEXT", description = "title of the overview page")
    private String title;

    @CommandLine.Mixin
    private AssessingOptions options;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "submission files (JSON), or folders of them")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Lang language = AssessCommand.oneLanguage(spec, "HTML");
        Language said = language == Lang.EN ? Language.EN : Language.ZH;
        List<Path> files = this.files.stream().flatMap(f -> BatchInputs.expand(f).stream()).toList();
        if (files.isEmpty()) {
            AssessCommand.noteNothing(spec.commandLine().getErr(), SafecountyCommand.language(spec),
                    String.join(" ", this.files.stream().map(Path::toString).toList()));
        }
        Output.checkFolder(out, "--out");
        Assessor assessor = options.assessor(spec);
        RulePack pack = options.pack().orElse(null);
        // every file is assessed before any page is written: a pack refused on the way writes nothing
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            outcomes.add(AssessCommand.assess(assessor, file));
        }
        Output.createFolder(out, "--out");
        HtmlReport html = new HtmlReport();
        List<ReportEntry> entries = new ArrayList<>();
        Set<String> pages = new HashSet<>(Set.of("index.html"));
        PackCatalogue catalogue = pack == null ? null : pack.catalogue();
        for (int n = 0; n < files.size(); n++) {
            Path file = files.get(n);
            Outcome outcome = outcomes.get(n);
            String page = null;
            if (outcome instanceof Outcome.Assessed a) {
                AssessmentResult r = a.result();
                PackCatalogue c = assessor.pack(r.standard().id()).orElseThrow().catalogue();
                catalogue = catalogue == null ? c : catalogue;
                page = pageName(file, pages);
                write(out.resolve(page), html.county(r, c, language, "index.html"), pack, said);
            }
            entries.add(ReportEntry.of(file.toString(), page, outcome));
        }
        String heading = title != null ? title : language.t("食品药品安全县评价总览", "Food and Drug Safety County assessment: overview");
        write(out.resolve("index.html"), html.overview(heading, entries, catalogue, language), pack, said);
        long rejected = entries.stream().filter(e -> !e.outcome().assessed()).count();
        stdout.println(language.t("已写入 ", "Wrote ") + Escape.text(out.resolve("index.html").toString()) + language.t("（", " (")
                + (entries.size() - rejected) + language.t(" 个县", " counties")
                + (rejected > 0 ? language.t("，退回 ", ", rejected ") + rejected : "") + language.t("）", ")"));
        stdout.flush();
        return rejected == 0 ? ExitStatus.OK : ExitStatus.REJECTED;
    }

    /** Writes a page, with the note of a pack loaded from a folder ({@link PackNote}) when {@code pack} is one. */
    private static void write(Path page, String text, RulePack pack, Language lang) {
        Output.write(page, pack == null ? text : PackNote.html(text, pack, lang), "--out");
    }

    /** The page of a county: its file's name as .html, made safe and unique. */
    private static String pageName(Path file, Set<String> taken) {
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
        stem = stem.replaceAll("[^A-Za-z0-9._-]", "_");
        if (stem.isEmpty() || stem.startsWith(".")) {
            stem = "county" + stem;
        }
        String name = stem + ".html";
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = stem + "-" + n + ".html";
        }
        return name;
    }
}
