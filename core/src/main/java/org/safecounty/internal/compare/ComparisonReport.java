package org.safecounty.internal.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.internal.report.HtmlReport;
import org.safecounty.internal.text.Escape;

/** A comparison as text for the terminal, JSON for systems, and an HTML page in the reports' style. */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    public static String text(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append("比较 comparison: ").append(t(c.from().id())).append(' ').append(t(c.from().version())).append(" → ")
                .append(t(c.to().id())).append(' ').append(t(c.to().version())).append(", ").append(c.counties())
                .append(" 县 counties\n\n结论变化矩阵 verdict matrix (rows: from, columns: to)\n");
        out.append(String.format("  %-11s", ""));
        for (String v : c.verdicts()) {
            out.append(String.format("%11s", v));
        }
        out.append('\n');
        for (String f : c.verdicts()) {
            out.append(String.format("  %-11s", f));
            for (String t : c.verdicts()) {
                out.append(String.format("%11d", c.matrix().getOrDefault(f, Map.of()).getOrDefault(t, 0)));
            }
            out.append('\n');
        }
        out.append("\n结论改变的县 counties whose verdict changes: ").append(c.flips().size()).append('\n');
        for (CountyChange ch : c.flips()) {
            out.append("  ").append(t(ch.code())).append(' ').append(t(ch.name())).append("  ").append(ch.from()).append(" → ")
                    .append(ch.to()).append("  ").append(plain(ch.totalFrom())).append(" → ").append(plain(ch.totalTo()))
                    .append('\n').append("      ").append(t(String.join("; ", ch.causes()))).append('\n');
        }
        out.append("\n任务得分变化 score change per task (counties changed, total, mean)\n");
        c.tasks().forEach(task -> out.append(String.format("  %-6s %4d %10s %8s%n", t(task.id()), task.counties(),
                plain(task.total()), plain(task.mean()))));
        out.append("\n指标得分变化 score change per indicator (counties changed, total, mean)\n");
        c.indicators().stream().filter(i -> i.counties() > 0).forEach(i -> out.append(String.format(
                "  %-6s %4d %10s %8s%n", t(i.id()), i.counties(), plain(i.total()), plain(i.mean()))));
        if (!c.newMissingKeys().isEmpty()) {
            out.append("\n新缺少的材料 keys newly missing (counties)\n");
            new TreeMap<>(c.newMissingKeys()).forEach((k, n) -> out.append("  ").append(t(k)).append("  ").append(n).append('\n'));
        }
        if (!c.ignoredKeys().isEmpty()) {
            out.append("\n新标准不认的键（已忽略）keys the new pack does not know (ignored, counties)\n");
            new TreeMap<>(c.ignoredKeys()).forEach((k, n) -> out.append("  ").append(t(k)).append("  ").append(n).append('\n'));
        }
        if (!c.notCompared().isEmpty()) {
            out.append("\n未能比较 not compared\n");
            new TreeMap<>(c.notCompared()).forEach((f, why) -> out.append("  ").append(t(f)).append(": ").append(t(why))
                    .append('\n'));
        }
        return out.toString();
    }

    public static String json(Comparison c) {
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .defaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
                .build();
        try {
            return mapper.writeValueAsString(c) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String html(Comparison c) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>标准修订影响 ").append(esc(c.from().id())).append(" → ").append(esc(c.to().id()))
                .append("</title><style>").append(HtmlReport.css()).append("</style></head><body>");
        h.append("<h1>标准修订影响 · What the revision changes</h1><p class=\"sub\">").append(esc(c.from().id())).append(' ')
                .append(esc(c.from().version())).append(" → ").append(esc(c.to().id())).append(' ').append(esc(c.to().version()))
                .append("，").append(c.counties()).append(" 个县 counties</p>");
        h.append("<h2>结论变化矩阵 · Verdicts, from (rows) → to (columns)</h2><table><tr><th></th>");
        for (String v : c.verdicts()) {
            h.append("<th class=\"num\">").append(esc(v)).append("</th>");
        }
        h.append("</tr>");
        for (String f : c.verdicts()) {
            h.append("<tr><th>").append(esc(f)).append("</th>");
            for (String t : c.verdicts()) {
                int n = c.matrix().getOrDefault(f, Map.of()).getOrDefault(t, 0);
                h.append("<td class=\"num\">").append(n == 0 ? "" : (!f.equals(t) ? "<b>" + n + "</b>" : String.valueOf(n))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table><h2>结论改变的县 · Counties whose verdict changes (").append(c.flips().size())
                .append(")</h2><table><tr><th>代码</th><th>县</th><th>市</th><th>结论</th><th class=\"num\">总分</th><th>原因 · why</th></tr>");
        for (CountyChange ch : c.flips()) {
            h.append("<tr><td>").append(esc(ch.code())).append("</td><td>").append(esc(ch.name())).append("</td><td>")
                    .append(esc(ch.city())).append("</td><td><span class=\"verdict v-").append(ch.from()).append("\">")
                    .append(ch.from()).append("</span> → <span class=\"verdict v-").append(ch.to()).append("\">").append(ch.to())
                    .append("</span></td><td class=\"num\">").append(plain(ch.totalFrom())).append(" → ").append(plain(ch.totalTo()))
                    .append("</td><td>").append(esc(String.join("; ", ch.causes()))).append("</td></tr>");
        }
        h.append("</table><h2>任务得分变化 · Score change per task</h2>");
        items(h, c.tasks());
        h.append("<h2>指标得分变化 · Score change per indicator</h2>");
        items(h, c.indicators().stream().filter(i -> i.counties() > 0).toList());
        if (!c.newMissingKeys().isEmpty()) {
            h.append("<h2>新缺少的材料 · Keys newly missing</h2><table><tr><th>键 key</th><th class=\"num\">县数 counties</th></tr>");
            new TreeMap<>(c.newMissingKeys()).forEach((k, n) -> h.append("<tr><td>").append(esc(k))
                    .append("</td><td class=\"num\">").append(n).append("</td></tr>"));
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void items(StringBuilder h, java.util.List<ItemChange> items) {
        h.append("<table><tr><th>项目 item</th><th class=\"num\">变化的县 counties changed</th><th class=\"num\">合计 total</th>")
                .append("<th class=\"num\">平均 mean</th></tr>");
        for (ItemChange i : items) {
            h.append("<tr><td>").append(esc(i.id())).append("</td><td class=\"num\">").append(i.counties())
                    .append("</td><td class=\"num\">").append(plain(i.total())).append("</td><td class=\"num\">")
                    .append(plain(i.mean())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }

    /** Submission text (county names, file names, keys) made safe for a terminal. */
    private static String t(String s) {
        return Escape.text(s);
    }

    private static String plain(BigDecimal d) {
        return PackComparison.plain(d);
    }
}
