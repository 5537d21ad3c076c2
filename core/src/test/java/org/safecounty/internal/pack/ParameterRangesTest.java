package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.catalogue.CatalogueReader;
import org.safecounty.internal.catalogue.PackOverlay;
import org.safecounty.result.Problem;

/**
 * Hostile and mistaken figures in {@code parameters.yaml} and {@code pack.yaml}: each gives one
 * clear problem naming file and line, in both languages, quickly, and never an exception other
 * than the {@link RulePackException} that carries the problems.
 */
class ParameterRangesTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    /** One edit of the mini pack and what it must give. */
    private record Case(String name, MiniFiles mini, String file, String lineOf, String code, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String P = CatalogueReader.PARAMETERS;
    private static final String C = CatalogueReader.CATALOGUE;

    /** The value of A.2.target (line 27 of the mini parameters) replaced. */
    private static Case target(String name, String value, String code, String says) {
        return new Case(name, MiniFiles.load().replace(P, "target hours, ref: \"A.2\", value: 25 }",
                "target hours, ref: \"A.2\", value: " + value + " }"), P, "A.2.target:", code, says);
    }

    /** The value of A.1.per, which pack.yaml names as a per-residents unit, replaced. */
    private static Case perResidents(String name, String value, String says) {
        return new Case(name, MiniFiles.load()
                .replace(C, "a.checks:      { type: COUNT,", "a.checks:      { type: COUNT, perResidents: A.1.per,")
                .replace(P, "  value: 1000\n", "  value: " + value + "\n"), P, "  value: " + value, "PACK_RANGE", says);
    }

    static Stream<Case> corpus() {
        StringBuilder manyBands = new StringBuilder();
        for (int i = 10_000; i > 0; i--) {
            manyBands.append("    - { atLeast: ").append(i).append(", points: 4 }\n");
        }
        StringBuilder bomb = new StringBuilder("lol: { zh: a, en: b, ref: c, values: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol] }\n");
        String previous = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append("lol").append(c).append(": { zh: a, en: b, ref: c, values: &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i > 0 ? ", " : "").append('*').append(previous);
            }
            bomb.append("] }\n");
            previous = String.valueOf(c);
        }
        return Stream.of(
                target("1e999999999", "1e999999999", "PACK_RANGE", "1e999999999"),
                target("-1e999999999", "-1e999999999", "PACK_RANGE", "超出允许范围"),
                target("1e-999999999", "1e-999999999", "PACK_RANGE", "超出允许范围"),
                target("1e99999999999999999999 (exponent beyond int)", "1e99999999999999999999", "PACK_RANGE", "超出允许范围"),
                target("7 decimals", "0.0000001", "PACK_RANGE", "最多 6 位小数"),
                target("45 digits", "1" + "0".repeat(44), "PACK_RANGE", "超出允许范围"),
                target("100,000 digits", "9".repeat(100_000), "PACK_RANGE", "100,000 个字符"),
                target("100,000 digits after the point", "1." + "5".repeat(100_000), "PACK_RANGE", "超出允许范围"),
                target(".nan", ".nan", "PACK_RANGE", "不是有限的数"),
                target(".NaN", ".NaN", "PACK_RANGE", "不是有限的数"),
                target(".inf", ".inf", "PACK_RANGE", "不是有限的数"),
                target("-.inf", "-.inf", "PACK_RANGE", "不是有限的数"),
                target("hexadecimal", "0x1F", "PACK_RANGE", "十进制"),
                target("YAML 1.1 octal", "010", "PACK_RANGE", "十进制"),
                target("underscores", "1_000", "PACK_RANGE", "十进制"),
                target("quoted number", "\"25\"", "PACK_CATALOGUE", "引号"),
                target("text", "many", "PACK_CATALOGUE", "应为数字"),
                target("above 1,000,000,000", "1000000001", "PACK_RANGE", "1,000,000,000"),
                target("negative", "-1", "PACK_RANGE", "超出允许范围"),
                target("a target of 0 would divide by 0", "0", "PACK_RANGE", "大于 0"),
                perResidents("per-residents unit -1", "-1", "超出允许范围（0 至 1,000,000,000"),
                new Case("unit named per_residents -1", MiniFiles.load().put(P, MiniFiles.load().text(P)
                        + "x.per_residents: { zh: 按每多少人计, en: per residents, ref: x, value: -1 }\n"), P, "x.per_residents:",
                        "PACK_RANGE", "1 至 10,000,000 的整数"),
                perResidents("per-residents unit 0", "0", "1 至 10,000,000 的整数"),
                perResidents("huge per-residents unit", "100000000", "1 至 10,000,000 的整数"),
                perResidents("fractional per-residents unit", "2.5", "1 至 10,000,000 的整数"),
                new Case("survey minimum -1", MiniFiles.load().replace(P, "fewest respondents, ref: \"§2\", value: 50",
                        "fewest respondents, ref: \"§2\", value: -1"), P, "survey.min_respondents:", "PACK_RANGE", "超出允许范围"),
                new Case("survey minimum 2.5", MiniFiles.load().replace(P, "fewest respondents, ref: \"§2\", value: 50",
                        "fewest respondents, ref: \"§2\", value: 2.5"), P, "survey.min_respondents:", "PACK_RANGE", "的整数"),
                new Case("incident window 1e9 months", MiniFiles.load().replace(P, "incident months back, ref: \"§2\", value: 24",
                        "incident months back, ref: \"§2\", value: 1e9"), P, "window.incident_months:", "PACK_RANGE", "数值 1e9 超出允许范围（0 至 1,200 的整数）"),
                new Case("evidence window 2.5 years", MiniFiles.load().replace(P, "evidence years back, ref: \"§2\", value: 0",
                        "evidence years back, ref: \"§2\", value: 2.5"), P, "window.years_back:", "PACK_RANGE", "0 至 100 的整数"),
                new Case("points above the indicator's max", MiniFiles.load().replace(P, "points for a plan, ref: \"A.3\", value: 4",
                        "points for a plan, ref: \"A.3\", value: 5"), P, "A.3.points:", "PACK_RANGE", "指标 A.3 满分为 4"),
                new Case("band points above the indicator's max", MiniFiles.load().replace(P, "- { atLeast: 5, points: 4 }",
                        "- { atLeast: 5, points: 4.5 }"), P, "atLeast: 5, points: 4.5", "PACK_RANGE", "指标 A.1 满分为 4"),
                new Case("deduction above the indicator's max", MiniFiles.load().replace(P, "deducted per violation, ref: \"B.1\", value: 0.5",
                        "deducted per violation, ref: \"B.1\", value: 7"), P, "B.1.deduction_each:", "PACK_RANGE", "指标 B.1 满分为 6"),
                new Case("deduction of 0 would divide by 0", MiniFiles.load().replace(P, "deducted per violation, ref: \"B.1\", value: 0.5",
                        "deducted per violation, ref: \"B.1\", value: 0"), P, "B.1.deduction_each:", "PACK_RANGE", "须大于 0"),
                new Case("key item floor above 1", MiniFiles.load().replace(P, "key item floor, ref: \"§7\", value: 0.5",
                        "key item floor, ref: \"§7\", value: 60"), P, "key_item_floor:", "PACK_RANGE", "0 至 1"),
                new Case("pass line above base and bonus", MiniFiles.load().replace(P, "pass line, ref: \"§7\", value: 16",
                        "pass line, ref: \"§7\", value: 90"), P, "pass_line:", "PACK_RANGE", "0 至 21.5"),
                new Case("bands thresholds rising", MiniFiles.load().replace(P, "- { atLeast: 3, points: 2 }",
                        "- { atLeast: 6, points: 2 }"), P, "atLeast: 6, points: 2", "PACK_CATALOGUE", "从高到低"),
                new Case("bands points rising", MiniFiles.load().replace(P, "- { atLeast: 5, points: 4 }\n    - { atLeast: 3, points: 2 }",
                        "- { atLeast: 5, points: 2 }\n    - { atLeast: 3, points: 4 }"), P, "atLeast: 3, points: 4", "PACK_RANGE", "高于上一档"),
                new Case("negative threshold", MiniFiles.load().replace(P, "- { atLeast: 3, points: 2 }",
                        "- { atLeast: -3, points: 2 }"), P, "atLeast: -3", "PACK_RANGE", "超出允许范围"),
                new Case("10,000 bands", MiniFiles.load().replace(P, "    - { atLeast: 5, points: 4 }\n    - { atLeast: 3, points: 2 }\n",
                        manyBands.toString()), P, "  bands:\n    - { atLeast: 10000,", "PACK_LIMIT", "最多 20 档"),
                new Case("decimals 7", MiniFiles.load().replace(C, "decimals: 2", "decimals: 7"), C, "decimals:", "PACK_RANGE",
                        "0 至 6 的整数"),
                new Case("decimals -1", MiniFiles.load().replace(C, "decimals: 2", "decimals: -1"), C, "decimals:", "PACK_RANGE",
                        "0 至 6 的整数"),
                new Case("decimals 1e999999999", MiniFiles.load().replace(C, "decimals: 2", "decimals: 1e999999999"), C,
                        "decimals:", "PACK_RANGE", "1e999999999"),
                new Case("indicator max 1e999999999", MiniFiles.load().replace(C, "{ id: A.2, max: 3,", "{ id: A.2, max: 1e999999999,"),
                        C, "{ id: A.2,", "PACK_RANGE", "1e999999999"),
                new Case("PERCENT absentMeans 150", MiniFiles.load().replace(C, "s.score:       { type: PERCENT,",
                        "s.score:       { type: PERCENT, absentMeans: 150,"), C, "s.score:", "PACK_RANGE", "0 至 100"),
                new Case("COUNT absentMeans .nan", MiniFiles.load().replace(C, "absentMeans: 0, zh: 违规数",
                        "absentMeans: .nan, zh: 违规数"), C, "b.violations:", "PACK_RANGE", "不是有限的数"),
                new Case("YAML alias bomb", MiniFiles.load().put(P, MiniFiles.load().text(P) + bomb), P, "lolb:",
                        "PACK_SYNTAX", "别名"),
                // a leading 0 makes YAML read it as octal, where the length is refused while reading
                new Case("an octal-looking number of 50 digits", MiniFiles.load().replace(P, "target hours, ref: \"A.2\", value: 25",
                        "target hours, ref: \"A.2\", value: 0" + "1".repeat(49)), P, "A.2.target:", "PACK_LIMIT", "数字超过 40 位"),
                new Case("deeply nested YAML", MiniFiles.load().put(P, MiniFiles.load().text(P)
                        + "deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), P, "deep: [", "PACK_LIMIT", "嵌套超过 20 层"),
                new Case("a tab indents", MiniFiles.load().replace(P, "  zh: 按每多少人计", "\tzh: 按每多少人计"), P,
                        "\tzh:", "PACK_SYNTAX", "制表符"),
                new Case("a full-width colon after a key", MiniFiles.load().replace(P, "A.1.per:\n", "A.1.per：\n"), P,
                        "A.1.per：", "PACK_SYNTAX", "全角冒号"),
                new Case("a full-width colon in a flow mapping", MiniFiles.load().replace(P, "{ zh: 学时目标,", "{ zh：学时目标,"), P,
                        "A.2.target:", "PACK_CATALOGUE", "全角冒号"),
                new Case("too many entries", MiniFiles.load().put(P, MiniFiles.load().text(P) + "many: { zh: a, en: b, ref: c, values: ["
                        + "x,".repeat(CatalogueReader.MAX_NODES) + "x] }\n"), P, "many:", "PACK_LIMIT", "条目超过 50,000 个"),
                new Case("a repeated parameter", MiniFiles.load().put(P, MiniFiles.load().text(P)
                        + "A.2.target: { zh: 又一个, en: again, ref: \"A.2\", value: 1e999999999 }\n"), P, "又一个", "PACK_SYNTAX",
                        "重复（第 27 行已有）"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void load_hostileOrMistakenFigure_isOneProblemWithFileAndLine(Case c) {
        List<Problem> problems = loadProblems(c.mini());
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.get(0);
        String expected = c.file() + ":" + lineOf(c.mini().text(c.file()), c.lineOf());
        assertTrue(p.path().equals(expected) || p.path().startsWith(expected + ": "), () -> expected + " but " + p);
        assertEquals(c.code(), p.code(), p::toString);
        assertTrue(p.zh().contains(c.says()), p::toString);
        assertClear(p);
    }

    @Test
    void load_outOfRange_saysValueRangeAndFixInBothLanguages() {
        Problem p = loadProblems(target("", "1e999999999", "", "").mini()).get(0);
        assertEquals("parameters.yaml:27: A.2.target.value", p.path());
        assertEquals("数值 1e999999999 超出允许范围（大于 0、至多 1,000,000,000，最多 6 位小数）：比例计分的目标值（作除数，须大于 0）；请改为此范围内的数",
                p.zh());
        assertEquals("the value 1e999999999 is out of range (above 0 and at most 1,000,000,000, at most 6 decimals): a proportional"
                + " target (a divisor, so above 0); write a number in that range", p.en());
        Problem plain = loadProblems(MiniFiles.load().replace(P, "fewest respondents, ref: \"§2\", value: 50",
                "fewest respondents, ref: \"§2\", value: 1e999999999")).get(0);
        assertEquals("parameters.yaml:5: survey.min_respondents.value", plain.path());
        assertTrue(plain.message().startsWith("数值 1e999999999 超出允许范围（0 至 1,000,000,000，最多 6 位小数）"), plain::toString);
        assertTrue(plain.message().contains("/ the value 1e999999999 is out of range (0 to 1,000,000,000, at most 6 decimals)"),
                plain::toString);
    }

    @Test
    void load_hugeNumber_showsItShortened() {
        Problem p = loadProblems(target("", "9".repeat(100_000), "", "").mini()).get(0);
        assertTrue(p.zh().length() < 300 && p.en().length() < 300, p::toString);
        assertTrue(p.en().contains("(100,000 characters)"), p::toString);
    }

    @Test
    void load_fiftyMegabyteParameters_isRefusedBeforeParsing() {
        String big = MiniFiles.load().text(P) + "# " + "x".repeat(50 * 1024 * 1024) + "\n";
        List<Problem> problems = loadProblems(MiniFiles.load().put(P, big));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("parameters.yaml", problems.get(0).path());
        assertEquals("PACK_LIMIT", problems.get(0).code());
        assertClear(problems.get(0));
    }

    @Test
    void load_manyBadParameters_problemsAreCapped() {
        StringBuilder text = new StringBuilder(MiniFiles.load().text(P));
        for (int i = 0; i < 5_000; i++) {
            text.append("junk.").append(i).append(": { zh: a, en: b, ref: c, value: 1e999999999 }\n");
        }
        List<Problem> problems = loadProblems(MiniFiles.load().put(P, text.toString()));
        assertEquals(CatalogueReader.MAX_PROBLEMS + 1, problems.size());
        Problem last = problems.get(problems.size() - 1);
        assertEquals("PACK_LIMIT", last.code());
        assertTrue(last.en().contains("4800 more problems"), last::toString);
    }

    @Test
    void load_twoYamlDocuments_isOneProblem() {
        List<Problem> problems = loadProblems(MiniFiles.load().put(P, MiniFiles.load().text(P) + "---\nx: 1\n"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).path().startsWith("parameters.yaml:"), problems::toString);
    }

    @Test
    void readParameters_refusedFigure_keepsTheNameSoRulesStillResolve() {
        CatalogueReader reader = new CatalogueReader();
        Parameters parameters = reader.readParameters(target("", "1e999999999", "", "").mini().files());
        assertEquals(0, parameters.number("A.2.target").signum());
        assertEquals(1, reader.problems().size());
    }

    @Test
    void bundledPacks_readWithoutProblems() throws IOException {
        for (String pack : List.of("hebei-fds-county-2014", "hebei-fds-county-2016")) {
            // the 2016 pack is an overlay: read as it is assessed, laid over the 2014 pack
            PackFiles files = new PackOverlay(id -> {
                try {
                    return java.util.Optional.of(PackFiles.fromDirectory(Path.of("../rules", id)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).resolve(PackFiles.fromDirectory(Path.of("../rules", pack))).files();
            CatalogueReader reader = new CatalogueReader();
            Parameters parameters = reader.readParameters(files);
            PackCatalogue catalogue = reader.readCatalogue(files, parameters);
            assertEquals(List.of(), reader.problems(), pack);
            assertNotNull(catalogue);
            assertEquals(2, catalogue.scale());
            assertEquals(0, parameters.number("T2.2.per_residents").compareTo(BigDecimal.valueOf(10_000)));
        }
    }

    @Test
    void bundledPacks_load() {
        for (String pack : List.of("hebei-fds-county-2014", "hebei-fds-county-2016")) {
            RulePack loaded = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> RulePack.load(Path.of("../rules", pack)));
            assertEquals(pack, loaded.id());
        }
    }

    // -------------------------------------------------------------------------- NumberRange

    @Test
    void contains_hugeExponents_decidedWithoutWideningTheNumber() {
        assertTimeoutPreemptively(QUICKLY, () -> {
            for (String text : List.of("1e999999999", "-1e999999999", "1e-999999999", "-1e-999999999", "1e+2147483647",
                    "1e-2147483647", "123456789e-2147483640")) {
                BigDecimal huge = new BigDecimal(text); // cheap; toPlainString() or add() of it would not be
                assertFalse(NumberRange.ANY.contains(huge), text);
                assertFalse(NumberRange.FRACTION.contains(huge), text);
                assertFalse(NumberRange.COUNT.contains(huge), text);
            }
        });
    }

    @Test
    void read_refusesFromTheTextAlone() {
        assertTimeoutPreemptively(QUICKLY, () -> {
            assertEquals(NumberRange.Refusal.OUT_OF_RANGE, NumberRange.read("1e999999999").refusal());
            assertEquals(NumberRange.Refusal.OUT_OF_RANGE, NumberRange.read("1e-1000").refusal());
            assertEquals(NumberRange.Refusal.OUT_OF_RANGE, NumberRange.read("9".repeat(10_000_000)).refusal());
            assertEquals(NumberRange.Refusal.NOT_A_NUMBER, NumberRange.read("x".repeat(10_000_000)).refusal());
            assertEquals(NumberRange.Refusal.NOT_FINITE, NumberRange.read(".inf").refusal());
            assertEquals(NumberRange.Refusal.NOTATION, NumberRange.read("0b101").refusal());
            assertEquals(NumberRange.Refusal.NOTATION, NumberRange.read("007").refusal());
            assertEquals(0, NumberRange.read("1e5").value().compareTo(BigDecimal.valueOf(100_000)));
            assertEquals(0, NumberRange.read("0.000001").value().compareTo(new BigDecimal("0.000001")));
            assertTrue(NumberRange.ANY.contains(NumberRange.read("1.500000000").value()));
            assertFalse(NumberRange.ANY.contains(NumberRange.read("0.0000001").value()));
            assertTrue(NumberRange.ANY.contains(NumberRange.read("1000000000").value()));
            assertTrue(NumberRange.ANY.contains(NumberRange.read("1e9").value()));
            assertFalse(NumberRange.ANY.contains(NumberRange.read("1000000000.000001").value()));
        });
    }

    @Test
    void describe_bothLanguages() {
        assertEquals("0 至 1,000,000,000，最多 6 位小数", NumberRange.ANY.zh());
        assertEquals("0 to 1,000,000,000, at most 6 decimals", NumberRange.ANY.en());
        assertEquals("0 至 6 的整数", CatalogueReader.DECIMALS.zh());
        assertEquals("a whole number from 0 to 6", CatalogueReader.DECIMALS.en());
    }

    // ------------------------------------------------------------------------------- helpers

    /** Loads the edited pack, which must be refused quickly with problems, never another exception. */
    private static List<Problem> loadProblems(MiniFiles mini) {
        PackFiles files = mini.files();
        return assertTimeoutPreemptively(QUICKLY, () -> {
            RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(files));
            // the reader alone gives the same problems
            CatalogueReader reader = new CatalogueReader();
            reader.readCatalogue(files, reader.readParameters(files));
            assertEquals(e.problems(), reader.problems());
            return e.problems();
        });
    }

    private static void assertClear(Problem p) {
        assertFalse(p.zh().isBlank() || p.en().isBlank(), p::toString);
        assertTrue(p.zh().chars().anyMatch(ch -> ch >= 0x4e00 && ch <= 0x9fff), () -> "no Chinese: " + p);
        assertTrue(p.zh().length() < 400 && p.en().length() < 400, p::toString);
        assertFalse(p.zh().contains("\n") || p.en().contains("\n"), p::toString);
    }

    /** The 1-based line where {@code needle} first starts. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            throw new IllegalArgumentException("no " + needle);
        }
        return (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
