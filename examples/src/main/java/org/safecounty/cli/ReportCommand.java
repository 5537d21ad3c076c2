package org.safecounty.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
                "Exit status: 0 all assessed, 2 any rejected, 64 usage error, a broken rule pack or one that is not approved,"
                        + " or a template that cannot be used."})
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

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "submission files (JSON; at least one)")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (exportTemplates != null) {
            return exportTemplates(stdout, err);
        }
        if (out == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        if (files == null || files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        }
        try {
            // a folder's templates are all compiled here, before any file is assessed
            HtmlReport html = template == null ? new HtmlReport() : new HtmlReport(Templates.folder(template));
            return report(html, stdout, err);
        } catch (TemplateException e) {
            err.println(e.oneLine());
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
    }

    private int report(HtmlReport html, PrintWriter stdout, PrintWriter err) throws IOException {
        Optional<Lang> chosen = options.language(err);
        Optional<Assessor> found = chosen.isEmpty() ? Optional.empty() : options.assessor(spec);
        if (found.isEmpty()) {
            return SafecountyCommand.EXIT_USAGE;
        }
        Lang language = chosen.get();
        Assessor assessor = found.get();
        RulePack pack = options.pack().orElse(null);
        // every file is assessed before any page is written: a pack refused on the way writes nothing
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (Path file : files) {
                outcomes.add(AssessCommand.assess(assessor, file));
            }
        } catch (PackPolicyOptions.Refused e) {
            err.println(e.getMessage());
            err.flush();
            return SafecountyCommand.EXIT_USAGE;
        }
        Files.createDirectories(out);
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
                Files.writeString(out.resolve(page), html.county(r, c, language, "index.html"), StandardCharsets.UTF_8);
            }
            entries.add(new ReportEntry(file.toString(), city(file), page, outcome, year(file)));
        }
        String heading = title != null ? title : language.t("食品药品安全县评价总览", "Food and Drug Safety County assessment: overview");
        Files.writeString(out.resolve("index.html"), html.overview(heading, entries, catalogue, language),
                StandardCharsets.UTF_8);
        long rejected = entries.stream().filter(e -> !e.outcome().assessed()).count();
        stdout.println(language.t("已写入 ", "Wrote ") + Escape.text(out.resolve("index.html").toString()) + language.t("（", " (")
                + (entries.size() - rejected) + language.t(" 个县", " counties")
                + (rejected > 0 ? language.t("，退回 ", ", rejected ") + rejected : "") + language.t("）", ")"));
        stdout.flush();
        return rejected == 0 ? 0 : 2;
    }

    /** {@code --export-templates DIR}: the default templates written out for a province to edit. */
    private int exportTemplates(PrintWriter stdout, PrintWriter err) {
        if (out != null || template != null || files != null && !files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--export-templates takes no --out, --template or FILE: it only writes the default templates");
        }
        try {
            List<Path> written = Templates.export(exportTemplates);
            stdout.println("已写出默认模板 / wrote the default templates: " + Escape.text(exportTemplates.toString()) + " ("
                    + String.join(", ", written.stream().map(p -> p.getFileName().toString()).toList()) + ")");
            stdout.flush();
            return 0;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            err.println("--export-templates: 已有同名文件，未写出任何模板 / a file of that name is there already, nothing was written: "
                    + Escape.text(e.getFile()));
        } catch (IOException e) {
            err.println("--export-templates: 无法写出 / cannot write: " + Escape.text(String.valueOf(e.getMessage())));
        }
        err.flush();
        return SafecountyCommand.EXIT_USAGE;
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

    /** The submission's {@code assessment.year}, for trends; 0 when it cannot be read. */
    private static int year(Path file) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8))
                    .path("assessment").path("year").asInt(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The submission's {@code county.city}, which results do not carry; null when it cannot be read. */
    private static String city(Path file) {
        try {
            JsonNode city = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8))
                    .path("county").path("city");
            return city.isTextual() ? city.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
