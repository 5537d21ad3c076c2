package org.safecounty.internal.report;

import java.util.List;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.NotAccepted;
import org.safecounty.result.Problem;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.TaskScore;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.VetoResult;

/**
 * Markdown for a terminal or for pasting into an official document: verdict and totals, the task
 * areas, every indicator with its explanation, vetoes, evidence not counted and the
 * rectification list. Text from a submission is escaped so that it cannot break a table,
 * become markup, start a line of its own or reorder the text around it. The same input gives the same text.
 */
public final class MarkdownReport {

    /** One county's result. */
    public String render(AssessmentResult r, PackCatalogue catalogue, Lang lang) {
        Wording w = new Wording(catalogue, lang);
        StringBuilder m = new StringBuilder();
        m.append("## ").append(esc(r.county().name())).append(w.t("（", " (")).append(esc(r.county().code()))
                .append(w.t("）", ")")).append(' ').append(w.t("食品药品安全县评价", "Food and Drug Safety County assessment"))
                .append("\n\n");
        m.append("- ").append(w.t("评价标准：", "Standard: ")).append(esc(w.standardName())).append(' ')
                .append(esc(r.standard().version())).append('\n');
        m.append("- ").append(w.t("结论：", "Verdict: ")).append("**").append(w.verdict(r.verdict())).append("**")
                .append(" (").append(r.verdict().code()).append(")\n");
        m.append("- ").append(w.t("总分：", "Total: ")).append(Wording.fixed(r.totalScore())).append(w.t("（基础分 ", " (base "))
                .append(Wording.fixed(r.baseScore())).append(w.t(" + 加分 ", " + bonus ")).append(Wording.fixed(r.bonusScore()))
                .append(w.t("）", ")")).append("\n\n");

        m.append("### ").append(w.t("任务得分", "Task areas")).append("\n\n| ").append(w.t("任务", "Task")).append(" | ")
                .append(w.t("得分", "Score")).append(" | ").append(w.t("满分", "Max")).append(" |\n|---|---:|---:|\n");
        for (TaskScore t : r.tasks()) {
            m.append("| ").append(esc(t.id() + " " + w.task(t.id()))).append(" | ").append(Wording.fixed(t.score()))
                    .append(" | ").append(Wording.plain(t.max())).append(" |\n");
        }
        m.append('\n');

        m.append("### ").append(w.t("指标得分与说明", "Indicators and why")).append("\n\n| ").append(w.t("指标", "Indicator"))
                .append(" | ").append(w.t("得分", "Score")).append(" | ").append(w.t("状态", "Status")).append(" | ")
                .append(w.t("说明", "Explanation")).append(" |\n|---|---:|---|---|\n");
        for (IndicatorResult i : r.indicators()) {
            m.append("| ").append(esc(i.id() + (i.keyItem() ? "*" : "") + " " + w.indicator(i.id()))).append(" | ")
                    .append(Wording.fixed(i.score())).append(" / ").append(Wording.plain(i.max())).append(" | ")
                    .append(esc(w.status(i.status()))).append(" | ").append(esc(w.t(i.explanation(), i.explanationEn())))
                    .append(" |\n");
        }
        m.append('\n').append(w.t("\\* 关键项", "\\* key item")).append("\n\n");

        if (!r.vetoes().isEmpty() || !r.undecidedVetoes().isEmpty()) {
            m.append("### ").append(w.t("否决项", "Vetoes")).append("\n\n");
            for (VetoResult v : r.vetoes()) {
                m.append("- ").append(esc(v.id() + " " + w.veto(v.id()))).append(w.t("：", ": "))
                        .append(esc(w.t(v.explanation(), v.explanationEn()))).append('\n');
            }
            for (UndecidedVeto v : r.undecidedVetoes()) {
                m.append("- ").append(esc(v.id() + " " + w.veto(v.id()))).append(w.t("：无法判定，缺少 ", ": cannot be decided, missing "))
                        .append(esc(String.join(w.t("、", ", "), v.missingKeys().stream().map(w::key).toList()))).append('\n');
            }
            m.append('\n');
        }
        if (!r.notAccepted().isEmpty()) {
            m.append("### ").append(w.t("未计入的证据", "Evidence not counted")).append("\n\n");
            for (NotAccepted n : r.notAccepted()) {
                m.append("- ").append(esc(n.evidence())).append(w.t("：", ": ")).append(w.reason(n.reason())).append('\n');
            }
            m.append('\n');
        }
        m.append("### ").append(w.t("整改清单", "Rectification list")).append("\n\n");
        List<RectificationItem> items = r.rectification();
        if (items.isEmpty()) {
            m.append(r.verdict().passes() ? w.t("已达标，无需整改。", "The county passes: nothing to rectify.") : w.t("无。", "None."))
                    .append("\n");
        }
        for (int n = 0; n < items.size(); n++) {
            m.append(n + 1).append(". ").append(esc(w.rectification(items.get(n)))).append('\n');
        }
        return m.toString();
    }

    /** The problems that rejected a submission. */
    public String renderRejected(String file, List<Problem> problems, Lang lang) {
        StringBuilder m = new StringBuilder("## ").append(esc(file)).append(lang.t("：退回", ": rejected")).append("\n\n");
        problems.forEach(p -> m.append("- `").append(Escape.text(p.path()).replace("`", "'")).append("` ")
                .append(esc(lang.t(p.zh(), p.en()))).append('\n'));
        return m.toString();
    }

    /**
     * Escapes text for a Markdown table cell or list item: no markup, no table break, one line;
     * control, bidirectional and line-breaking characters become visible escapes ({@link Escape}).
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '|', '*', '`', '[', ']', '#' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> Escape.append(out, c);
            }
        }
        return out.toString();
    }
}
