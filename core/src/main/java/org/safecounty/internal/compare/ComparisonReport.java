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
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.text.Escape;

/**
 * A comparison as text for the terminal, JSON for systems, and an HTML page in the reports' style.
 * Text and HTML are in Chinese and English side by side, or in one language; JSON carries no words.
 */
public final class ComparisonReport {

    private ComparisonReport() {
    }

    /** The words of one language, or of both side by side ({@code only} null). */
    private record Words(Lang only) {

        /** A label: {@code 结论 verdict}, or one of them. */
        String t(String zh, String en) {
            return only == null ? zh + " " + en : only.t(zh, en);
        }

        /** A heading: {@code 结论 · Verdicts}, or one of them. */
        String h(String zh, String en) {
            return only == null ? zh + " · " + en : only.t(zh, en);
        }
    }

    /** Text in Chinese and English side by side. */
    public static String text(Comparison c) {
        return text(c, new Words(null));
    }

    /** Text in one language. */
    public static String text(Comparison c, Lang lang) {
        return text(c, new Words(java.util.Objects.requireNonNull(lang, "lang")));
    }

    private static String text(Comparison c, Words w) {
        StringBuilder out = new StringBuilder();
        out.append(w.t("比较", "comparison")).append(": ").append(t(c.from().id())).append(' ').append(t(c.from().version())).append(" → ")
                .append(t(c.to().id())).append(' ').append(t(c.to().version())).append(", ").append(c.counties())
                .append(' ').append(w.t("县", "counties")).append("\n\n")
                .append(w.only() == null ? "结论变化矩阵 verdict matrix (rows: from, columns: to)"
                        : w.only().t("结论变化矩阵（行：原标准，列：新标准）", "verdict matrix (rows: from, columns: to)")).append('\n');
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
        out.append('\n').append(w.t("结论改变的县", "counties whose verdict changes")).append(": ").append(c.flips().size()).append('\n');
        for (CountyChange ch : c.flips()) {
            out.append("  ").append(t(ch.code())).append(' ').append(t(ch.name())).append("  ").append(ch.from()).append(" → ")
                    .append(ch.to()).append("  ").append(plain(ch.totalFrom())).append(" → ").append(plain(ch.totalTo()))
                    .append('\n').append("      ").append(t(String.join("; ", ch.causes()))).append('\n');
        }
        out.append('\n').append(w.t("任务得分变化", "score change per task"))
                .append(w.only() == Lang.ZH ? "（变化的县数、合计、平均）" : " (counties changed, total, mean)").append('\n');
        c.tasks().forEach(task -> out.append(String.format("  %-6s %4d %10s %8s%n", t(task.id()), task.counties(),
                plain(task.total()), plain(task.mean()))));
        out.append('\n').append(w.t("指标得分变化", "score change per indicator"))
                .append(w.only() == Lang.ZH ? "（变化的县数、合计、平均）" : " (counties changed, total, mean)").append('\n');
        c.indicators().stream().filter(i -> i.counties() > 0).forEach(i -> out.append(String.format(
                "  %-6s %4d %10s %8s%n", t(i.id()), i.counties(), plain(i.total()), plain(i.mean()))));
        if (!c.newMissingKeys().isEmpty()) {
            out.append('\n').append(w.t("新缺少的材料", "keys newly missing"))
                .append(w.only() == Lang.ZH ? "（县数）" : " (counties)").append('\n');
            new TreeMap<>(c.newMissingKeys()).forEach((k, n) -> out.append("  ").append(t(k)).append("  ").append(n).append('\n'));
        }
        if (!c.ignoredKeys().isEmpty()) {
            out.append('\n').append(w.only() == null ? "新标准不认的键（已忽略）keys the new pack does not know (ignored, counties)"
                    : w.only().t("新标准不认的键（已忽略，县数）", "keys the new pack does not know (ignored, counties)")).append('\n');
            new TreeMap<>(c.ignoredKeys()).forEach((k, n) -> out.append("  ").append(t(k)).append("  ").append(n).append('\n'));
        }
        if (!c.notCompared().isEmpty()) {
            out.append('\n').append(w.t("未能比较", "not compared")).append('\n');
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

    /** An HTML page in Chinese and English side by side. */
    public static String html(Comparison c) {
        return html(c, new Words(null));
    }

    /** An HTML page in one language. */
    public static String html(Comparison c, Lang lang) {
        return html(c, new Words(java.util.Objects.requireNonNull(lang, "lang")));
    }

    private static String html(Comparison c, Words w) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"").append(w.only() == null ? "zh-CN" : w.only().tag())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>").append(w.only() == null ? "标准修订影响" : w.only().t("标准修订影响", "What the revision changes"))
                .append(' ').append(esc(c.from().id())).append(" → ").append(esc(c.to().id()))
                .append("</title><style>").append(HtmlReport.css()).append("</style></head><body>");
        h.append("<h1>").append(w.h("标准修订影响", "What the revision changes")).append("</h1><p class=\"sub\">")
                .append(esc(c.from().id())).append(' ')
                .append(esc(c.from().version())).append(" → ").append(esc(c.to().id())).append(' ').append(esc(c.to().version()))
                .append(w.only() == Lang.EN ? ", " : "，").append(c.counties()).append(' ')
                .append(w.t("个县", "counties")).append("</p>");
        h.append("<h2>").append(w.h("结论变化矩阵", "Verdicts, from (rows) → to (columns)")).append("</h2><table><tr><th></th>");
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
        h.append("</table><h2>").append(w.h("结论改变的县", "Counties whose verdict changes")).append(" (").append(c.flips().size())
                .append(")</h2><table><tr><th>").append(w.only() == Lang.EN ? "Code" : "代码").append("</th><th>")
                .append(w.only() == Lang.EN ? "County" : "县").append("</th><th>").append(w.only() == Lang.EN ? "City" : "市")
                .append("</th><th>").append(w.only() == Lang.EN ? "Verdict" : "结论").append("</th><th class=\"num\">")
                .append(w.only() == Lang.EN ? "Total" : "总分").append("</th><th>").append(w.h("原因", "why")).append("</th></tr>");
        for (CountyChange ch : c.flips()) {
            h.append("<tr><td>").append(esc(ch.code())).append("</td><td>").append(esc(ch.name())).append("</td><td>")
                    .append(esc(ch.city())).append("</td><td><span class=\"verdict v-").append(ch.from()).append("\">")
                    .append(ch.from()).append("</span> → <span class=\"verdict v-").append(ch.to()).append("\">").append(ch.to())
                    .append("</span></td><td class=\"num\">").append(plain(ch.totalFrom())).append(" → ").append(plain(ch.totalTo()))
                    .append("</td><td>").append(esc(String.join("; ", ch.causes()))).append("</td></tr>");
        }
        h.append("</table><h2>").append(w.h("任务得分变化", "Score change per task")).append("</h2>");
        items(h, c.tasks(), w);
        h.append("<h2>").append(w.h("指标得分变化", "Score change per indicator")).append("</h2>");
        items(h, c.indicators().stream().filter(i -> i.counties() > 0).toList(), w);
        if (!c.newMissingKeys().isEmpty()) {
            h.append("<h2>").append(w.h("新缺少的材料", "Keys newly missing")).append("</h2><table><tr><th>").append(w.t("键", "key"))
                    .append("</th><th class=\"num\">").append(w.t("县数", "counties")).append("</th></tr>");
            new TreeMap<>(c.newMissingKeys()).forEach((k, n) -> h.append("<tr><td>").append(esc(k))
                    .append("</td><td class=\"num\">").append(n).append("</td></tr>"));
            h.append("</table>");
        }
        if (!c.notCompared().isEmpty()) {
            h.append("<h2>").append(w.h("未能比较", "Not compared")).append("</h2><table><tr><th>").append(w.t("文件", "file"))
                    .append("</th><th>").append(w.t("原因", "why")).append("</th></tr>");
            new TreeMap<>(c.notCompared()).forEach((f, why) -> h.append("<tr><td>").append(esc(f)).append("</td><td>")
                    .append(esc(why)).append("</td></tr>"));
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void items(StringBuilder h, java.util.List<ItemChange> items, Words w) {
        h.append("<table><tr><th>").append(w.t("项目", "item")).append("</th><th class=\"num\">")
                .append(w.t("变化的县", "counties changed")).append("</th><th class=\"num\">").append(w.t("合计", "total"))
                .append("</th><th class=\"num\">").append(w.t("平均", "mean")).append("</th></tr>");
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
