package org.safecounty.cli.workbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.safecounty.RulePack;
import org.safecounty.facts.Parameter;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.ItemSpec;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.internal.authoring.PackSuite;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.PackCase;
import org.safecounty.internal.rules.RuleParameters;
import org.safecounty.result.Verdict;

/**
 * The standard as a document, the scoring sheet (评分细则), read from a pack: every task, indicator
 * (with its maximum and whether it is a key item), bonus item and veto, each with the rule that
 * scores it ({@code rules/x.drl:line}), the parameters that rule reads with their figures, and the
 * test cases that check it; then the verdict levels and the figures of the rules that decide them.
 * Nothing of a particular standard is written here: all comes from the pack's files.
 */
public final class StandardDocument {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private static final Pattern ITEM = Pattern.compile("\\b(Indicator|BonusItem|Veto)\\s*\\(\\s*id\\s*==\\s*\"([^\"]+)\"");

    /** One line of the sheet: an item, its rule and where it is written, its figures and its tests. */
    public record Line(String kind, String id, String zh, String en, String max, boolean keyItem, String rule,
                       String where, List<String> parameters, List<String> tests) {
    }

    /** The sheet: the pack's identity, its lines in the catalogue's order, its verdict levels. */
    public record ScoringSheet(String id, String version, String zh, String en, List<Line> lines, List<Verdict> verdicts) {
    }

    private StandardDocument() {
    }

    /**
     * The sheet of {@code pack}, whose own files are {@code own} (for a revision, the packs it extends
     * are found by {@code locate}); {@code changed} names parameters to mark as the draft's.
     */
    public static ScoringSheet of(RulePack pack, PackFiles own, Function<String, Optional<PackFiles>> locate, Set<String> changed) {
        PackFiles files = pack.files();
        Map<String, String[]> ruleOf = new LinkedHashMap<>();      // item id → {rule, file:line}
        List<String[]> otherRules = new ArrayList<>();
        for (String path : files.ruleFiles()) {
            String[] lines = files.text(path).orElse("").split("\n", -1);
            String rule = null;
            String where = null;
            boolean matched = false;
            for (int i = 0; i < lines.length; i++) {
                Matcher r = RULE.matcher(lines[i]);
                if (r.find()) {
                    if (rule != null && !matched) {
                        otherRules.add(new String[] {rule, where});
                    }
                    rule = r.group(1);
                    where = path + ":" + (i + 1);
                    matched = false;
                    continue;
                }
                Matcher m = ITEM.matcher(lines[i]);
                if (rule != null && m.find()) {
                    ruleOf.putIfAbsent(m.group(2), new String[] {rule, where});
                    matched = true;
                }
            }
            if (rule != null && !matched) {
                otherRules.add(new String[] {rule, where});
            }
        }
        Map<String, List<String>> reads = RuleParameters.scan(files);
        Map<String, List<String>> tests = tests(pack, own, locate);
        Map<String, Parameter> params = pack.parameters().all();
        List<Line> out = new ArrayList<>();
        for (TaskSpec t : pack.catalogue().tasks()) {
            out.add(new Line("task", t.id(), t.zh(), t.en(), plain(t.max()), false, "", "", List.of(), List.of()));
            for (IndicatorSpec i : t.indicators()) {
                out.add(line("indicator", i.id(), i.zh(), i.en(), plain(i.max()), i.keyItem(), ruleOf, reads, params,
                        changed, tests));
            }
        }
        for (ItemSpec b : pack.catalogue().bonus()) {
            out.add(line("bonus", b.id(), b.zh(), b.en(), "", false, ruleOf, reads, params, changed, tests));
        }
        for (ItemSpec v : pack.catalogue().vetoes()) {
            out.add(line("veto", v.id(), v.zh(), v.en(), "", false, ruleOf, reads, params, changed, tests));
        }
        for (String[] r : otherRules) {
            out.add(new Line("rule", "", r[0], r[0], "", false, r[0], r[1],
                    figures(reads.getOrDefault(r[0], List.of()), params, changed), List.of()));
        }
        return new ScoringSheet(pack.id(), pack.version(), pack.catalogue().zh(), pack.catalogue().en(), out,
                pack.catalogue().verdicts());
    }

    private static Line line(String kind, String id, String zh, String en, String max, boolean key, Map<String, String[]> ruleOf,
                             Map<String, List<String>> reads, Map<String, Parameter> params, Set<String> changed,
                             Map<String, List<String>> tests) {
        String[] r = ruleOf.getOrDefault(id, new String[] {"", ""});
        return new Line(kind, id, zh, en, max, key, r[0], r[1], figures(reads.getOrDefault(r[0], List.of()), params, changed),
                tests.getOrDefault(id, List.of()));
    }

    /** {@code name = figure}, marked {@code *} when the draft changed it. */
    private static List<String> figures(List<String> names, Map<String, Parameter> params, Set<String> changed) {
        return names.stream().filter(params::containsKey)
                .map(n -> n + " = " + Workbench.describe(params.get(n)) + (changed.contains(n) ? " *" : "")).toList();
    }

    /** Item id → the labels of the cases whose expectations name it (indicators, bonus items, vetoes). */
    private static Map<String, List<String>> tests(RulePack pack, PackFiles own, Function<String, Optional<PackFiles>> locate) {
        Map<String, List<String>> out = new TreeMap<>();
        List<PackCase> cases;
        try {
            cases = PackSuite.reader(pack).readAll(own, locate).cases();
        } catch (RuntimeException e) {
            return out;
        }
        for (PackCase c : cases) {
            if (c.expect() == null) {
                continue;
            }
            c.expect().path("indicators").fieldNames().forEachRemaining(id -> out.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(c.label()));
            c.expect().path("bonus").fieldNames().forEachRemaining(id -> out.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(c.label()));
            c.expect().path("vetoes").forEach(v -> out.computeIfAbsent(v.asText(), k -> new ArrayList<>()).add(c.label()));
        }
        return out;
    }

    private static String plain(java.math.BigDecimal d) {
        return d == null ? "" : d.stripTrailingZeros().toPlainString();
    }

    private static String kind(String kind, boolean en) {
        return switch (kind) {
            case "task" -> en ? "task" : "任务";
            case "indicator" -> en ? "indicator" : "指标";
            case "bonus" -> en ? "bonus" : "加分项";
            case "veto" -> en ? "veto" : "否决项";
            default -> en ? "other rule" : "其他规则";
        };
    }

    /** The sheet as Markdown, Chinese with English beside it. */
    public static String markdown(ScoringSheet s) {
        StringBuilder md = new StringBuilder();
        md.append("# 评分细则 · Scoring sheet — ").append(cell(s.zh())).append("\n\n")
                .append(cell(s.en())).append(" (`").append(s.id()).append("` ").append(s.version()).append(")\n\n")
                .append("| 类别 kind | 编号 id | 项目 item | 满分 max | 关键项 key | 规则 rule | 参数 figures | 用例 tests |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Line l : s.lines()) {
            md.append("| ").append(kind(l.kind(), false)).append(' ').append(kind(l.kind(), true)).append(" | ")
                    .append(cell(l.id())).append(" | ").append(cell(l.zh())).append(l.zh().equals(l.en()) ? "" : " / " + cell(l.en()))
                    .append(" | ").append(l.max()).append(" | ").append(l.keyItem() ? "★" : "").append(" | ")
                    .append(l.where().isEmpty() ? "" : "`" + cell(l.where()) + "`").append(" | ")
                    .append(cell(String.join("; ", l.parameters()))).append(" | ")
                    .append(l.tests().isEmpty() ? "" : String.valueOf(l.tests().size())).append(" |\n");
        }
        md.append("\n## 结论等级 · Verdict levels\n\n| 代码 code | 名称 name | 通过 passes |\n|---|---|---|\n");
        for (Verdict v : s.verdicts()) {
            md.append("| ").append(v.code()).append(" | ").append(cell(v.zh())).append(" / ").append(cell(v.en())).append(" | ")
                    .append(v.passes() ? "是 yes" : "否 no").append(" |\n");
        }
        md.append("\n参数后的 * 为修订草案所改。 / A figure marked * is the draft's.\n");
        return md.toString();
    }

    /** Text safe inside a Markdown table cell: no pipe, no line break. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    /** The sheet as an Excel workbook: one sheet of items, one of verdict levels. */
    public static byte[] xlsx(ScoringSheet s) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            Sheet items = book.createSheet("评分细则 scoring sheet");
            row(items, 0, bold, s.zh() + " · " + s.en() + " (" + s.id() + " " + s.version() + ")");
            row(items, 1, bold, "类别 kind", "编号 id", "项目", "item", "满分 max", "关键项 key item", "规则 rule",
                    "位置 where", "参数 figures", "用例数 tests");
            int r = 2;
            for (Line l : s.lines()) {
                Row row = row(items, r++, l.kind().equals("task") ? bold : null, kind(l.kind(), false) + " " + kind(l.kind(), true),
                        l.id(), l.zh(), l.en(), "", l.keyItem() ? "★" : "", l.rule(), l.where(), String.join("\n", l.parameters()),
                        "");
                if (!l.max().isEmpty()) {
                    row.getCell(4).setCellValue(Double.parseDouble(l.max()));
                }
                if (!l.tests().isEmpty()) {
                    row.getCell(9).setCellValue(l.tests().size());
                }
            }
            for (int c = 0; c < 10; c++) {
                items.setColumnWidth(c, c == 8 ? 60 * 256 : c == 2 || c == 3 || c == 6 ? 40 * 256 : 14 * 256);
            }
            Sheet levels = book.createSheet("结论等级 verdicts");
            row(levels, 0, bold, "代码 code", "名称", "name", "通过 passes");
            int v = 1;
            for (Verdict level : s.verdicts()) {
                row(levels, v++, null, level.code(), level.zh(), level.en(), level.passes() ? "是 yes" : "否 no");
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(Sheet sheet, int index, CellStyle style, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            Cell c = row.createCell(i);
            c.setCellValue(values[i]);
            if (style != null) {
                c.setCellStyle(style);
            }
        }
        return row;
    }
}
