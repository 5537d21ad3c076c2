package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code --lang zh|en|both} is honoured by every command and every format a person reads;
 * both side by side stays the default of text. 涉县 is vetoed and has a rectification list, so its
 * text has every kind of line.
 */
class LangOptionTest {

    static final String SHEXIAN = "samples/130426-shexian.json";
    static final List<String> CHINESE_LABELS = List.of("结论", "总分", "失分指标", "否决", "整改清单", "汇总", "代码");
    static final List<String> ENGLISH_LABELS = List.of("verdict", "total", "indicators short", "veto", "rectification",
            "summary", "code");

    @Test
    void assessText_inEnglish_hasNoChineseLabel_inChinese_noEnglishOne_byDefault_both() {
        String en = CliRun.of("assess", "--lang", "en", SHEXIAN).out();
        String zh = CliRun.of("assess", "--lang", "zh", SHEXIAN).out();
        String both = CliRun.of("assess", SHEXIAN).out();
        assertEquals(both, CliRun.of("assess", "--lang", "both", SHEXIAN).out());
        CHINESE_LABELS.forEach(l -> assertFalse(en.contains(l), l + " in\n" + en));
        ENGLISH_LABELS.forEach(l -> assertFalse(zh.contains(l), l + " in\n" + zh));
        CHINESE_LABELS.forEach(l -> assertTrue(both.contains(l), l + " in\n" + both));
        ENGLISH_LABELS.forEach(l -> assertTrue(both.contains(l), l + " in\n" + both));
        assertTrue(en.contains("→ raise soc.satisfaction_score to at least 70: 3 points (+3)"), en);
        assertTrue(zh.contains("→ 将 soc.satisfaction_score 提高到 70 以上，得 3 分（+3）"), zh);
        assertTrue(both.contains("→ 将 soc.satisfaction_score 提高到 70 以上 / raise it to at least 70，得 3 分 points（+3）"), both);
    }

    @Test
    void aRejectedSubmission_isSaidInTheLanguageAskedFor(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{");
        String en = CliRun.of("assess", "--lang", "en", bad.toString()).out();
        assertTrue(en.contains("  rejected: 1 problem(s)\n"), en);
        assertFalse(en.contains("退回"), en);
        String zh = CliRun.of("assess", "--lang", "zh", bad.toString()).out();
        assertTrue(zh.contains("  退回: 1 个问题\n"), zh);
    }

    @Test
    void markdownAndHtml_takeOneLanguage_ChineseByDefault(@TempDir Path dir) throws IOException {
        assertTrue(CliRun.of("assess", "--format", "markdown", SHEXIAN).out().contains("食品药品安全县评价"));
        assertTrue(CliRun.of("assess", "--format", "markdown", "--lang", "en", SHEXIAN).out()
                .contains("Food and Drug Safety County assessment"));
        assertEquals(0, CliRun.of("report", "--lang", "en", "--out", dir.toString(), SHEXIAN).status());
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(index.contains("<html lang=\"en\">") && index.contains("Food and Drug Safety County assessment: overview"),
                index);
    }

    @Test
    void diff_textAndHtml_inOneLanguage_orBoth() {
        String[] diff = {"diff", "--from", "hebei-fds-county-2014", "--to", "hebei-fds-county-2016", SHEXIAN};
        String both = CliRun.of(diff).out();
        assertTrue(both.contains("结论变化矩阵 verdict matrix (rows: from, columns: to)"), both);
        String en = CliRun.of(concat(diff, "--lang", "en")).out();
        assertTrue(en.startsWith("comparison: hebei-fds-county-2014 2014.1.0 → hebei-fds-county-2016 2016.1.0, 1 counties"), en);
        assertFalse(en.contains("结论") || en.contains("任务"), en);
        String zh = CliRun.of(concat(diff, "--lang", "zh")).out();
        assertTrue(zh.startsWith("比较: hebei-fds-county-2014 2014.1.0 → hebei-fds-county-2016 2016.1.0, 1 县"), zh);
        assertFalse(zh.contains("verdict") || zh.contains("counties"), zh);
        String html = CliRun.of(concat(diff, "--format", "html", "--lang", "en")).out();
        assertTrue(html.startsWith("<!DOCTYPE html><html lang=\"en\">") && html.contains("<h1>What the revision changes</h1>"),
                html);
        assertFalse(html.contains("标准修订影响"), html);
    }

    @Test
    void validateAndPackErrors_inOneLanguage(@TempDir Path dir) {
        CliRun en = CliRun.of("validate", "--lang", "en", dir.resolve("none").toString());
        assertEquals(dir.resolve("none") + ": cannot read the rule pack: no such folder: " + dir.resolve("none") + "\n",
                en.err());
        CliRun zh = CliRun.of("--lang", "zh", "validate", dir.resolve("none").toString());
        assertEquals(dir.resolve("none") + ": 无法读取规则包：no such folder: " + dir.resolve("none") + "\n", zh.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
