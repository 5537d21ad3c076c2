package org.safecounty.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.Problem;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.RectificationStep;
import org.safecounty.result.TaskScore;

/**
 * Plain text for a terminal, Chinese first with English beside it, or in one language
 * ({@link #TextReport(Lang)}). Every text that comes from a submission or a pack is
 * {@linkplain Escape escaped}, so that it cannot start a line of its own, move the cursor or
 * reorder the line around it.
 */
public final class TextReport {

    /** The one language to write, or null for both. */
    private final Lang only;

    /** Chinese and English side by side. */
    public TextReport() {
        this.only = null;
    }

    /** Only {@code lang}. */
    public TextReport(Lang lang) {
        this.only = java.util.Objects.requireNonNull(lang, "lang");
    }

    /** A label: both words side by side ({@code 结论 verdict}), or the one of the language asked for. */
    private String t(String zh, String en) {
        return only == null ? zh + " " + en : only.t(zh, en);
    }

    /** A sentence: both, Chinese first ({@code zh / en}), or the one of the language asked for. */
    private String s(String zh, String en) {
        return only == null ? zh + " / " + en : only.t(zh, en);
    }

    /** One county's result: verdict, totals, tasks, what fell short and what to rectify. */
    public String render(AssessmentResult r, PackCatalogue catalogue) {
        StringBuilder out = new StringBuilder();
        out.append(e(r.county().name())).append("（").append(e(r.county().code())).append("）  ")
                .append(e(r.standard().id())).append(' ').append(e(r.standard().version())).append("  ")
                .append(r.mode()).append('\n');
        out.append("  ").append(pad(t("结论", "verdict"), 15)).append(only == Lang.EN ? "" : e(r.verdict().zh()) + " ")
                .append(e(r.verdict().code())).append('\n');
        out.append("  ").append(pad(t("总分", "total"), 15)).append(fixed(r.totalScore())).append(" = ")
                .append(t("基础分", "base")).append(' ').append(fixed(r.baseScore())).append(" + ").append(t("加分", "bonus"))
                .append(' ').append(fixed(r.bonusScore())).append('\n');
        Map<String, TaskSpec> tasks = catalogue.tasks().stream().collect(Collectors.toMap(TaskSpec::id, Function.identity()));
        for (TaskScore t : r.tasks()) {
            TaskSpec spec = tasks.get(t.id());
            out.append(String.format("  %-4s %6s / %-4s %s%n", e(t.id()), fixed(t.score()), plain(t.max()),
                    spec == null ? " " : t(e(spec.zh()), e(spec.en()))));
        }
        shortIndicators(r, catalogue, out);
        r.vetoes().forEach(v -> out.append("  ").append(t("否决", "veto")).append(' ').append(e(v.id()))
                .append(only == null ? "：" : ": ").append(s(e(v.explanation()), e(v.explanationEn()))).append('\n'));
        r.undecidedVetoes().forEach(v -> out.append("  ").append(t("无法判定", "undecided")).append(' ').append(e(v.id()))
                .append(only == null ? "：" : ": ").append(t("缺少", "missing")).append(' ')
                .append(e(String.join(", ", v.missingKeys()))).append('\n'));
        if (!r.notAccepted().isEmpty()) {
            out.append("  ").append(t("不计入", "not accepted")).append("  ").append(r.notAccepted().stream()
                    .map(n -> e(n.evidence()) + " " + n.reason()).collect(Collectors.joining(", "))).append('\n');
        }
        if (!r.rectification().isEmpty()) {
            out.append("  ").append(t("整改清单", "rectification")).append('\n');
            r.rectification().forEach(i -> out.append("    - ").append(rectification(i)).append('\n'));
        }
        return out.toString();
    }

    /** The problems that rejected a submission, one per line. */
    public String renderRejected(List<Problem> problems) {
        StringBuilder out = new StringBuilder("  ").append(t("退回", "rejected")).append(": ").append(problems.size())
                .append(' ').append(t("个问题", "problem(s)")).append('\n');
        problems.forEach(p -> out.append("    ").append(e(p.path())).append("  ").append(e(s(p.zh(), p.en()))).append('\n'));
        return out.toString();
    }

    /** {@code text} padded with spaces to {@code width} columns, a CJK character counting two. */
    private static String pad(String text, int width) {
        int columns = text.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
        return text + " ".repeat(Math.max(1, width - columns));
    }

    private void shortIndicators(AssessmentResult r, PackCatalogue catalogue, StringBuilder out) {
        Map<String, IndicatorSpec> specs = catalogue.indicators()
                .collect(Collectors.toMap(IndicatorSpec::id, Function.identity()));
        List<IndicatorResult> shortOnes = r.indicators().stream()
                .filter(i -> i.status() != IndicatorStatus.MET && i.status() != IndicatorStatus.NOT_APPLICABLE)
                .toList();
        if (shortOnes.isEmpty()) {
            return;
        }
        out.append("  ").append(t("失分指标", "indicators short of full marks")).append('\n');
        for (IndicatorResult i : shortOnes) {
            IndicatorSpec spec = specs.get(i.id());
            out.append(String.format("    %-5s%s %5s / %-2s %-8s %s%n", e(i.id()), i.keyItem() ? "*" : " ", fixed(i.score()),
                    plain(i.max()), i.status(), spec == null ? "" : e(only == Lang.EN ? spec.en() : spec.zh())));
            out.append("           ").append(e(only == Lang.EN ? i.explanationEn() : i.explanation())).append('\n');
        }
    }

    private String rectification(RectificationItem i) {
        String gain = i.gain() == null ? "" : "  +" + fixed(i.gain());
        String veto = e(i.veto());
        String key = e(i.key());
        String indicator = e(i.indicator());
        return switch (i.kind()) {
            case "VETO" -> t("消除否决项", "remove veto") + " " + veto;
            case "UNDECIDED_VETO" -> t("补充 " + veto + " 判定所需材料", "supply " + key + " for " + veto);
            case "MISSING_EVIDENCE" -> t("补充材料", "supply") + " " + key + (only == Lang.EN ? " (" + indicator + ")"
                    : "（" + indicator + "）") + gain;
            case "KEY_ITEM_BELOW_FLOOR" -> t("关键项 " + indicator + " 未达最低得分", "key item " + (only == Lang.EN ? indicator + " " : "")
                    + "under its floor") + (i.needs() == null ? "" : only == Lang.EN ? " (short by " + fixed(i.needs()) + ")"
                    : "（" + t("差", "short by") + " " + fixed(i.needs()) + "）") + gain + steps(i);
            case "RAISE_INDICATOR" -> only == null ? "提升 raise " + indicator + " 至满分 to full marks" + gain
                    : only.t("提升 " + indicator + " 至满分", "raise " + indicator + " to full marks") + gain;
            default -> e(i.kind()) + " " + indicator + gain;
        };
    }

    /** The steps of an item, each in Chinese then English: 将 k 提高到 5 以上，得 3 分 / raise k to at least 5: 3 points. */
    private String steps(RectificationItem i) {
        StringBuilder b = new StringBuilder();
        for (RectificationStep step : i.steps()) {
            String target = step.target() == null ? "" : plain(step.target());
            String of = step.of() == null ? t("分母", "its denominator") : e(step.of());
            String key = e(step.key());
            // in English alone the key is named, as Chinese names it; side by side the Chinese half names it
            String it = only == Lang.EN ? key : "it";
            String zhEn = switch (step.action()) {
                case "RAISE_TO" -> s("将 " + key + " 提高到 " + target + " 以上", "raise " + it + " to at least " + target);
                case "SUPPLY_AT_LEAST" -> s("补充 " + key + "，达到 " + target + " 以上", "supply " + it + ", at least " + target);
                case "RAISE_RATIO_TO" -> s("将 " + key + " / " + of + " 提高到 " + target + " 以上",
                        "raise " + (only == Lang.EN ? key + " / " + of : "the ratio") + " to at least " + target);
                case "SET_TRUE" -> s("做到 " + key, "make " + it + " true");
                case "REDUCE_TO" -> s("将 " + key + " 减少到 " + target + " 以下", "bring " + it + " down to " + target + " or fewer");
                default -> e(step.action()) + " " + key + " " + target;
            };
            b.append("\n        → ").append(zhEn);
            if (step.points() != null) {
                b.append(only == Lang.EN ? ": " : "，得 ").append(plain(step.points())).append(' ').append(t("分", "points"));
            }
            b.append(only == Lang.EN ? " (+" : "（+").append(plain(step.gain())).append(only == Lang.EN ? ")" : "）");
        }
        return b.toString();
    }

    /** Submission or pack text, made safe for a terminal ({@link Escape#text}). */
    private static String e(String s) {
        return Escape.text(s);
    }

    static String fixed(BigDecimal d) {
        return d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
