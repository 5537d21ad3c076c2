package org.safecounty.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
import org.safecounty.internal.report.template.TemplateException;
import org.safecounty.internal.report.template.Templates;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code report}: assesses every file and writes self-contained HTML: {@code DIR/index.html}, an
 * overview of the batch, and one page per county beside it, from the bundled templates or a
 * province's own ({@code --template DIR}). Exit status as for {@code assess}: 0 all assessed, 2 any
 * rejected (its problems are on the overview), 64 usage error, a broken rule pack or a template
 * that cannot be used (one line naming its file and line).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"为一个或多个县生成 HTML 评价报告。Write HTML reports for one or more counties.",
                "Writes DIR/index.html (overview: verdict counts, ranking overall and within each city) and one page per county.",
                "--template DIR renders them from a province's own templates; --export-templates DIR writes the defaults to copy.",
                "Exit status: 0 all assessed, 2 any rejected or unreadable, 64 usage error, a broken rule pack or one that is "
                        + "not approved, an --out that is a file or cannot be made, or a template that cannot be used; 70 internal error."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "folder to write the pages to (required)")
    private Path out;

    @Option(names = "--template", paramLabel = "DIR",
            description = "folder of report templates (county.peb, overview.peb, layout.peb, macros.peb, style.css);"
                    + " a template it lacks is the default one")
    private Path template;


    @Option(names = "--export-templates", paramLabel = "DIR",
            description = "write the default templates into DIR (never over a file there), to copy and edit; nothing else is done")
    private Path exportTemplates;

    @Option(names = "--title", paramLabel = "TEXT", description = "title of the overview page")
    private String title;

    @CommandLine.Mixin
    private AssessingOptions options;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "submission files (JSON), or folders of them; at least one")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (exportTemplates != null) {
            return exportTemplates(spec.commandLine().getOut());
        }
        if (out == null) {
            throw new CommandLine.MissingParameterException(spec.commandLine(), spec.findOption("--out"),
                    "Missing required option: '--out=DIR'");
        }
        if (files == null || files.isEmpty()) {
            throw new CommandLine.MissingParameterException(spec.commandLine(), spec.positionalParameters().get(0),
                    "Missing required parameter: 'FILE|DIR'");
        }
        HtmlReport html;
        try {
            // a folder's templates are all compiled here, before any file is assessed
            html = template == null ? new HtmlReport() : new HtmlReport(Templates.folder(template));
        } catch (TemplateException e) {
            throw templateError(e);
        }
        try {
            return report(html);
        } catch (TemplateException e) {
            throw templateError(e);
        }
    }

    /** {@code FILE:LINE: 报告模板有误：PROBLEM / report template error: PROBLEM}, exit 64. */
    private static UserError templateError(TemplateException e) {
        String place = e.file() + (e.line() > 0 ? ":" + e.line() : "");
        return UserError.usage(place, "报告模板有误：" + e.problem(), "report template error: " + e.problem(), e);
    }

    private int report(HtmlReport html) {
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

    /** {@code --export-templates DIR}: the default templates written out for a province to edit. */
    private int exportTemplates(PrintWriter stdout) {
        if (out != null || template != null || files != null && !files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--export-templates takes no --out, --template or FILE: it only writes the default templates");
        }
        try {
            List<Path> written = Templates.export(exportTemplates);
            stdout.println("已写出默认模板 / wrote the default templates: " + Escape.text(exportTemplates.toString()) + " ("
                    + String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList()) + ")");
            stdout.flush();
            return ExitStatus.OK;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw UserError.usage("--export-templates " + exportTemplates, "已有同名文件，未写出任何模板：" + e.getFile(),
                    "a file of that name is there already, nothing was written: " + e.getFile(), e);
        } catch (IOException e) {
            throw UserError.usage("--export-templates " + exportTemplates, "无法写出模板", "cannot write the templates", e);
        }
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
