package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.report.HtmlReport;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.report.MarkdownReport;
import org.safecounty.internal.report.ReportEntry;
import org.safecounty.internal.report.TextReport;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;

/**
 * Everything written about a county stays byte for byte what it was: the result JSON, the text
 * report, the Markdown and HTML reports in Chinese and English, for every sample county and every
 * province county under each bundled pack, and the HTML overview of each set (the command line's
 * batch JSON is these results in an array, written by the same code).
 *
 * <p>The golden files in {@code src/test/resources/golden/PACK/SET/} were written by this test
 * ({@code -Dsafecounty.golden.write=true}) from the code before explanations became structured
 * steps rendered on demand (issue 14, part 3), and are compared here, never regenerated on the way.
 * The JSON files were written once more when results gained {@code county.city}, {@code year},
 * {@code date} and the standard's names (issue 15), checked to differ from the files before only
 * by those fields; no other file changed.
 * A county is assessed under a pack as {@code safecounty diff} does: its standard is set to the
 * pack's, and evidence of keys the pack does not know is left out.
 */
class GoldenOutputTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final JsonMapper JSON = new JsonMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hebei-fds-county-2014", "hebei-fds-county-2016"})
    void everyCountyIsWrittenAsBefore(String packId) throws IOException {
        RulePack pack = RulePack.bundled(packId).orElseThrow();
        Assessor assessor = Assessor.of(pack);
        Map<String, String> written = new LinkedHashMap<>();
        for (String set : List.of("samples", "province")) {
            List<ReportEntry> entries = new ArrayList<>();
            for (Path file : counties(Path.of(set))) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                Outcome outcome = assessor.assess(under(pack, file));
                entries.add(ReportEntry.of(file.getFileName().toString(), name + ".html", outcome));
                String at = set + "/" + name;
                if (outcome instanceof Outcome.Assessed a) {
                    AssessmentResult r = a.result();
                    written.put(at + ".json", new ResultJson().write(r));
                    written.put(at + ".txt", new TextReport().render(r, pack.catalogue()));
                    for (Lang lang : Lang.values()) {
                        String tag = lang.name().toLowerCase(java.util.Locale.ROOT);
                        written.put(at + "." + tag + ".md", new MarkdownReport().render(r, pack.catalogue(), lang));
                        written.put(at + "." + tag + ".html",
                                new HtmlReport().county(r, pack.catalogue(), lang, "index.html"));
                    }
                } else {
                    var problems = ((Outcome.Rejected) outcome).problems();
                    written.put(at + ".rejected.txt", new TextReport().renderRejected(problems));
                    written.put(at + ".rejected.md", new MarkdownReport().renderRejected(name, problems, Lang.EN));
                }
            }
            for (Lang lang : Lang.values()) {
                String tag = lang.name().toLowerCase(java.util.Locale.ROOT);
                written.put(set + "/index." + tag + ".html", new HtmlReport().overview(set, entries, pack.catalogue(), lang));
            }
        }
        Path dir = GOLDEN.resolve(packId);
        if (Boolean.getBoolean("safecounty.golden.write")) {
            for (var e : written.entrySet()) {
                Files.createDirectories(dir.resolve(e.getKey()).getParent());
                Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        assertTrue(written.keySet().stream().filter(k -> k.endsWith(".json")).count() >= 186,
                "every sample and province county is written");
        List<String> differ = new ArrayList<>();
        for (var e : written.entrySet()) {
            Path golden = dir.resolve(e.getKey());
            if (!Files.exists(golden)) {
                differ.add(e.getKey() + ": no golden file");
            } else {
                String expected = Files.readString(golden, StandardCharsets.UTF_8);
                if (!expected.equals(e.getValue())) {
                    differ.add(e.getKey() + ": " + firstDifference(expected, e.getValue()));
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            TreeSet<String> onDisk = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(written.keySet()), onDisk, "the golden files are the files written");
        }
        if (!differ.isEmpty()) {
            fail(differ.size() + " of " + written.size() + " files differ from their golden copy under " + dir
                    + " (first 20):\n" + String.join("\n", differ.subList(0, Math.min(20, differ.size()))));
        }
    }

    /** The submission in {@code file}, assessed under {@code pack}'s standard. */
    static String under(RulePack pack, Path file) throws IOException {
        ObjectNode s = (ObjectNode) JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        ((ObjectNode) s.get("assessment")).put("standard", pack.id());
        if (s.get("evidence") instanceof ArrayNode evidence) {
            for (int i = evidence.size() - 1; i >= 0; i--) {
                if (!pack.catalogue().keys().containsKey(evidence.get(i).path("key").asText())) {
                    evidence.remove(i);
                }
            }
        }
        return s.toString();
    }

    static List<Path> counties(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Line and text of the first line that differs. */
    static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int n = 0; n < Math.max(a.length, b.length); n++) {
            String x = n < a.length ? a[n] : "<end>";
            String y = n < b.length ? b[n] : "<end>";
            if (!x.equals(y)) {
                return "line " + (n + 1) + "\n    expected: " + shorten(x) + "\n    actual:   " + shorten(y);
            }
        }
        return "differs";
    }

    private static String shorten(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
