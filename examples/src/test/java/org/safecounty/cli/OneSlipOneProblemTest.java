package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.BundledPackCopy;
import org.slf4j.LoggerFactory;

/**
 * Each slip policy staff make while editing a pack, alone, is exactly ONE problem, for
 * {@code validate} and for {@code assess --rules} alike: at the file and line of the slip (for the
 * 2016 revision, an overlay, the overlay's own file and line, or the base's by its id), Chinese
 * first, saying the fix, and nothing else printed: no Drools log line, no stack trace.
 */
class OneSlipOneProblemTest {

    static final String SAMPLE = "samples/130229-yutian.json";
    static final String REVISION = "hebei-fds-county-2016/";
    static final String BASE = "hebei-fds-county-2014/";

    /**
     * One slip: {@code file} edited by {@code edit}; the problem is expected on the line of
     * {@code needle} in {@code at} (after the edit), saying {@code says}. For the revision, files are
     * named from the folder holding both packs ({@code hebei-fds-county-2016/parameters.yaml}).
     */
    record Slip(String name, boolean revision, String file, UnaryOperator<String> edit, String at, String needle,
                String says) {
        @Override
        public String toString() {
            return (revision ? "2016 revision: " : "2014 pack: ") + name;
        }
    }

    static Stream<Slip> slips() {
        String t1 = "rules/t1-organisation.drl";
        String grid = REVISION + "rules/t3-grid-supervision.drl";
        return Stream.of(
                new Slip("a full-width colon", false, "parameters.yaml",
                        replace("  ref: \"§7\"\n  value: 90", "  ref: \"§7\"\n  value：90"), "parameters.yaml", "value：90", "全角冒号"),
                new Slip("a tab indenting a line", false, "parameters.yaml",
                        replace("  ref: \"§7\"\n  value: 90", "  ref: \"§7\"\n\tvalue: 90"), "parameters.yaml", "\tvalue: 90", "制表符"),
                new Slip("a missing ) in a rule's when", false, t1,
                        replace("$i : Indicator( id == \"T1.2\" )", "$i : Indicator( id == \"T1.2\" "), t1,
                        "Indicator( id == \"T1.2\" ", "没有配对的“)”"),
                new Slip("a misspelt class", false, t1,
                        replace("$i : Indicator( id == \"T1.2\" )", "$i : Indicater( id == \"T1.2\" )"), t1,
                        "Indicater(", "未知类型 Indicater"),
                new Slip("a rule deleted", false, t1, deleteRule("T1.2"), "pack.yaml", "id: T1.2,",
                        "T1.2 在目录中，但没有规则计算它"),
                new Slip("a misspelt parameter in a rule", false, t1,
                        replace("params.bands(\"T1.2.bands\")", "params.bands(\"T1.2.bandz\")"), t1, "T1.2.bandz",
                        "没有参数 T1.2.bandz"),
                new Slip("a misspelt key in atMost", false, "pack.yaml",
                        replace("atMost: county.townships,", "atMost: county.townshipx,"), "pack.yaml", "county.townshipx",
                        "未知的键 county.townshipx"),
                new Slip("an indicator max that no longer adds up", false, "pack.yaml",
                        replace("- { id: T1.1, max: 3,", "- { id: T1.1, max: 4,"), "pack.yaml", "- id: T1",
                        "任务 T1 的指标分值合计 13，与任务满分 12 不符"),

                new Slip("a full-width colon", true, REVISION + "parameters.yaml",
                        replace("  ref: \"2016 #5 (§5)\"\n  value: 8", "  ref: \"2016 #5 (§5)\"\n  value：8"),
                        REVISION + "parameters.yaml", "value：8", "全角冒号"),
                new Slip("a tab indenting a line", true, REVISION + "parameters.yaml",
                        replace("  ref: \"2016 #5 (§5)\"\n  value: 8", "  ref: \"2016 #5 (§5)\"\n\tvalue: 8"),
                        REVISION + "parameters.yaml", "\tvalue: 8", "制表符"),
                new Slip("a missing ) in a rule's when", true, grid,
                        replace("$i : Indicator( id == \"T3.10\" )", "$i : Indicator( id == \"T3.10\" "), grid,
                        "Indicator( id == \"T3.10\" ", "没有配对的“)”"),
                new Slip("a misspelt class", true, grid,
                        replace("$i : Indicator( id == \"T3.10\" )", "$i : Indicater( id == \"T3.10\" )"), grid,
                        "Indicater(", "未知类型 Indicater"),
                new Slip("a rule deleted", true, grid, deleteRule("T3.10"), REVISION + "pack.yaml", "id: T3.10,",
                        "T3.10 在目录中，但没有规则计算它"),
                new Slip("a misspelt parameter in a rule", true, grid,
                        replace("params.number(\"T3.10.points\")", "params.number(\"T3.10.pointz\")"), grid, "T3.10.pointz",
                        "没有参数 T3.10.pointz"),
                new Slip("a misspelt key in atMost", true, REVISION + "pack.yaml",
                        replace("\nkeys:\n", "\nkeys:\n  org.township_offices: { atMost: county.townshipx }\n"),
                        REVISION + "pack.yaml", "county.townshipx", "未知的键 county.townshipx"),
                new Slip("an indicator max that no longer adds up", true, REVISION + "pack.yaml",
                        replace("- { id: T3.6, max: 2 }", "- { id: T3.6, max: 3 }"), REVISION + "pack.yaml", "- id: T3",
                        "任务 T3 的指标分值合计 26，与任务满分 25 不符"),
                // a slip in the base it extends is named by the base's id
                new Slip("a tab in the base's parameters.yaml", true, BASE + "parameters.yaml",
                        replace("  ref: \"§7\"\n  value: 90", "  ref: \"§7\"\n\tvalue: 90"), BASE + "parameters.yaml",
                        "\tvalue: 90", "制表符"),
                new Slip("a misspelt parameter in a base's rule", true, BASE + t1,
                        replace("params.bands(\"T1.2.bands\")", "params.bands(\"T1.2.bandz\")"), BASE + t1, "T1.2.bandz",
                        "没有参数 T1.2.bandz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void validate_reportsTheSlipAsOneProblem(Slip slip, @TempDir Path dir) throws IOException {
        Path pack = withSlip(slip, dir);
        Printed run = printed(() -> CliRun.of("validate", pack.toString()));
        assertEquals(SafecountyCommand.EXIT_USAGE, run.cli().status(), run.toString());
        assertEquals("规则包有 1 个问题 / the pack has 1 problem(s):", run.lines().get(0), run.toString());
        assertOneProblem(slip, dir, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void assessWithRules_reportsTheSlipAsOneProblemAndAssessesNothing(Slip slip, @TempDir Path dir) throws IOException {
        Path pack = withSlip(slip, dir);
        Printed run = printed(() -> CliRun.of("assess", "--rules", pack.toString(), SAMPLE));
        assertEquals(SafecountyCommand.EXIT_USAGE, run.cli().status(), run.toString());
        assertEquals(pack + ": 规则包无法加载 / the rule pack cannot be loaded", run.lines().get(0), run.toString());
        assertOneProblem(slip, dir, run);
    }

    /** The capture sees what logging prints: a test that finds no log line is not blind to one. */
    @Test
    void aLogLine_wouldBeSeen() {
        Printed run = printed(() -> {
            LoggerFactory.getLogger("org.drools.compiler.probe").warn("a warning from the engine");
            return CliRun.of("--help");
        });
        assertTrue(run.system().contains("a warning from the engine"), run.toString());
    }

    // ------------------------------------------------------------------------------ helpers

    /** Exactly a heading and one problem line: at the slip's file and line, Chinese first, with the fix. */
    private static void assertOneProblem(Slip slip, Path dir, Printed run) throws IOException {
        assertEquals("", run.system(), "nothing printed outside the command's own output (a log line, a stack trace)");
        assertEquals(2, run.lines().size(), run.toString());
        String problem = run.lines().get(1);
        assertTrue(problem.startsWith("  "), run.toString());
        Path root = slip.revision() ? dir : dir.resolve("pack");
        String shown = slip.at().startsWith(REVISION) ? slip.at().substring(REVISION.length()) : slip.at();
        String where = shown + ":" + lineOf(root.resolve(slip.at()), slip.needle());
        String text = problem.strip();
        assertTrue(text.startsWith(where + ": ") && !Character.isDigit(text.charAt(where.length())),
                "expected at " + where + ": " + run);
        String message = text.substring(where.length() + 2);
        // a place inside a YAML file may follow the line (keys.org.township_offices.atMost: …)
        int chinese = firstChinese(message);
        assertTrue(chinese >= 0, "Chinese first: " + run);
        int place = message.lastIndexOf(": ", chinese);
        message = place < 0 ? message : message.substring(place + 2);
        int slash = message.indexOf(" / ");
        assertTrue(slash > 0, run.toString());
        String zh = message.substring(0, slash);
        String en = message.substring(slash + 3);
        assertTrue(zh.contains(slip.says()), "says " + slip.says() + ": " + run);
        assertTrue(zh.contains("请"), "the Chinese says the fix: " + run);
        assertTrue(en.chars().noneMatch(c -> c >= 0x4e00 && c <= 0x9fff) && !en.isBlank(), "English second: " + run);
    }

    private static int firstChinese(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x4e00 && text.charAt(i) <= 0x9fff) {
                return i;
            }
        }
        return -1;
    }

    private static Path withSlip(Slip slip, Path dir) throws IOException {
        Path pack = slip.revision() ? BundledPackCopy.revisionInto(dir) : BundledPackCopy.into(dir);
        Path root = slip.revision() ? dir : pack;
        Path file = root.resolve(slip.file());
        String before = Files.readString(file);
        String after = slip.edit().apply(before);
        assertTrue(!after.equals(before), slip + " changed nothing");
        Files.writeString(file, after);
        return pack;
    }

    private static UnaryOperator<String> replace(String from, String to) {
        return text -> {
            assertTrue(text.contains(from), "the file holds " + from);
            return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        };
    }

    /** Deletes the rule that scores {@code item}, from its {@code rule} line to its {@code end}. */
    private static UnaryOperator<String> deleteRule(String item) {
        return text -> {
            int scores = text.indexOf("Indicator( id == \"" + item + "\" )");
            assertTrue(scores > 0, "a rule scores " + item);
            int start = text.lastIndexOf("\nrule ", scores) + 1;
            int end = text.indexOf("\nend\n", scores) + "\nend\n".length();
            return text.substring(0, start) + text.substring(end);
        };
    }

    private static int lineOf(Path file, String needle) throws IOException {
        String text = Files.readString(file);
        int at = text.indexOf(needle);
        assertTrue(at >= 0, file + " holds " + needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** What a command printed: its own output and errors, and what reached System.out and System.err besides. */
    record Printed(CliRun cli, String system) {
        List<String> lines() {
            return Stream.concat(cli.out().lines(), cli.err().lines()).filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "status " + cli.status() + "\n--- out\n" + cli.out() + "--- err\n" + cli.err() + "--- System.out/err\n" + system;
        }
    }

    private static Printed printed(Supplier<CliRun> run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            CliRun cli = run.get();
            capture.flush();
            return new Printed(cli, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
