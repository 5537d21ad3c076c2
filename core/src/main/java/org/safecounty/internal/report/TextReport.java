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
 * Plain text for a terminal, Chinese first with English beside it. Every text that comes from a
 * submission or a pack is {@linkplain Escape escaped}, so that it cannot start a line of its own,
 * move the cursor or reorder the line around it.
 */
public final class TextReport {

    /** One county's result: verdict, totals, tasks, what fell short and what to rectify. */
    public String render(AssessmentResult r, PackCatalogue catalogue) {
        StringBuilder out = new StringBuilder();
        out.append(e(r.county().name())).append("（").append(e(r.county().code())).append("）  ")
                .append(e(r.standard().id())).append(' ').append(e(r.standard().version())).append("  ")
                .append(r.mode()).append('\n');
        out.append("  结论 verdict   ").append(e(r.verdict().zh())).append(' ').append(e(r.verdict().code())).append('\n');
        out.append("  总分 total     ").append(fixed(r.totalScore())).append(" = 基础分 base ")
                .append(fixed(r.baseScore())).append(" + 加分 bonus ").append(fixed(r.bonusScore())).append('\n');
        Map<String, TaskSpec> tasks = catalogue.tasks().stream().collect(Collectors.toMap(TaskSpec::id, Function.identity()));
        for (TaskScore t : r.tasks()) {
            TaskSpec spec = tasks.get(t.id());
            out.append(String.format("  %-4s %6s / %-4s %s %s%n", e(t.id()), fixed(t.score()), plain(t.max()),
                    spec == null ? "" : e(spec.zh()), spec == null ? "" : e(spec.en())));
        }
        shortIndicators(r, catalogue, out);
        r.vetoes().forEach(v -> out.append("  否决 veto ").append(e(v.id())).append("：").append(e(v.explanation()))
                .append(" / ").append(e(v.explanationEn())).append('\n'));
        r.undecidedVetoes().forEach(v -> out.append("  无法判定 undecided ").append(e(v.id())).append("：缺少 missing ")
                .append(e(String.join(", ", v.missingKeys()))).append('\n'));
        if (!r.notAccepted().isEmpty()) {
            out.append("  不计入 not accepted  ").append(r.notAccepted().stream()
                    .map(n -> e(n.evidence()) + " " + n.reason()).collect(Collectors.joining(", "))).append('\n');
        }
        if (!r.rectification().isEmpty()) {
            out.append("  整改清单 rectification\n");
            r.rectification().forEach(i -> out.append("    - ").append(rectification(i)).append('\n'));
        }
        return out.toString();
    }

    /** The problems that rejected a submission, one per line. */
    public String renderRejected(List<Problem> problems) {
        StringBuilder out = new StringBuilder("  退回 rejected: ").append(problems.size()).append(" 个问题 problem(s)\n");
        problems.forEach(p -> out.append("    ").append(e(p.path())).append("  ").append(e(p.message())).append('\n'));
        return out.toString();
    }

    private static void shortIndicators(AssessmentResult r, PackCatalogue catalogue, StringBuilder out) {
        Map<String, IndicatorSpec> specs = catalogue.indicators()
                .collect(Collectors.toMap(IndicatorSpec::id, Function.identity()));
        List<IndicatorResult> shortOnes = r.indicators().stream()
                .filter(i -> i.status() != IndicatorStatus.MET && i.status() != IndicatorStatus.NOT_APPLICABLE)
                .toList();
        if (shortOnes.isEmpty()) {
            return;
        }
        out.append("  失分指标 indicators short of full marks\n");
        for (IndicatorResult i : shortOnes) {
            IndicatorSpec spec = specs.get(i.id());
            out.append(String.format("    %-5s%s %5s / %-2s %-8s %s%n", e(i.id()), i.keyItem() ? "*" : " ", fixed(i.score()),
                    plain(i.max()), i.status(), spec == null ? "" : e(spec.zh())));
            out.append("           ").append(e(i.explanation())).append('\n');
        }
    }

    private static String rectification(RectificationItem i) {
        String gain = i.gain() == null ? "" : "  +" + fixed(i.gain());
        String veto = e(i.veto());
        String key = e(i.key());
        String indicator = e(i.indicator());
        return switch (i.kind()) {
            case "VETO" -> "消除否决项 remove veto " + veto;
            case "UNDECIDED_VETO" -> "补充 " + veto + " 判定所需材料 supply " + key + " for " + veto;
            case "MISSING_EVIDENCE" -> "补充材料 supply " + key + "（" + indicator + "）" + gain;
            case "KEY_ITEM_BELOW_FLOOR" -> "关键项 " + indicator + " 未达最低得分 key item under its floor"
                    + (i.needs() == null ? "" : "（差 short by " + fixed(i.needs()) + "）") + gain + steps(i);
            case "RAISE_INDICATOR" -> "提升 raise " + indicator + " 至满分 to full marks" + gain;
            default -> e(i.kind()) + " " + indicator + gain;
        };
    }

    /** The steps of an item, each in Chinese then English: 将 k 提高到 5 以上，得 3 分 / raise k to at least 5: 3 points. */
    private static String steps(RectificationItem i) {
        StringBuilder s = new StringBuilder();
        for (RectificationStep step : i.steps()) {
            String target = step.target() == null ? "" : plain(step.target());
            String of = step.of() == null ? "分母 its denominator" : e(step.of());
            String key = e(step.key());
            String zhEn = switch (step.action()) {
                case "RAISE_TO" -> "将 " + key + " 提高到 " + target + " 以上 / raise it to at least " + target;
                case "SUPPLY_AT_LEAST" -> "补充 " + key + "，达到 " + target + " 以上 / supply it, at least " + target;
                case "RAISE_RATIO_TO" -> "将 " + key + " / " + of + " 提高到 " + target + " 以上 / raise the ratio to at least " + target;
                case "SET_TRUE" -> "做到 " + key + " / make it true";
                case "REDUCE_TO" -> "将 " + key + " 减少到 " + target + " 以下 / bring it down to " + target + " or fewer";
                default -> e(step.action()) + " " + key + " " + target;
            };
            s.append("\n        → ").append(zhEn);
            if (step.points() != null) {
                s.append("，得 ").append(plain(step.points())).append(" 分 points");
            }
            s.append("（+").append(plain(step.gain())).append("）");
        }
        return s.toString();
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
