package org.safecounty.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.ItemSpec;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.RectificationStep;
import org.safecounty.result.Verdict;

/**
 * The words reports share, in either language: verdicts, statuses, reasons and the steps of a
 * rectification list. Names of tasks, indicators, vetoes and keys come from the pack's catalogue;
 * nothing here belongs to a particular standard.
 */
final class Wording {

    private final PackCatalogue catalogue;
    private final Lang lang;

    Wording(PackCatalogue catalogue, Lang lang) {
        this.catalogue = catalogue;
        this.lang = lang;
    }

    Lang lang() {
        return lang;
    }

    String t(String zh, String en) {
        return lang.t(zh, en);
    }

    String verdict(Verdict v) {
        return t(v.zh(), v.en());
    }

    String status(IndicatorStatus s) {
        return switch (s) {
            case MET -> t("满分", "met");
            case PARTIAL -> t("部分得分", "partial");
            case NOT_MET -> t("未得分", "not met");
            case MISSING -> t("缺少材料", "missing");
            case NOT_APPLICABLE -> t("无此项", "not applicable");
        };
    }

    String reason(NotAcceptedReason r) {
        return switch (r) {
            case UNVERIFIED -> t("未经核实（省验收只认已核实材料）", "not verified (acceptance counts verified items only)");
            case OUT_OF_WINDOW -> t("不在计入期限内", "outside its window");
            case SUPERSEDED -> t("已被同一证据键更新的材料取代", "superseded by a later item of the same key");
            case INVALID_SURVEY -> t("调查样本不足，调查无效", "survey invalid: too few respondents");
        };
    }

    String task(String id) {
        return catalogue.tasks().stream().filter(x -> x.id().equals(id)).findFirst()
                .map(x -> t(x.zh(), x.en())).orElse(id);
    }

    String indicator(String id) {
        return catalogue.indicators().filter(x -> x.id().equals(id)).findFirst()
                .map(x -> t(x.zh(), x.en())).orElse(id);
    }

    String bonus(String id) {
        return item(catalogue.bonus().stream().filter(x -> x.id().equals(id)).findFirst(), id);
    }

    String veto(String id) {
        return item(catalogue.vetoes().stream().filter(x -> x.id().equals(id)).findFirst(), id);
    }

    String key(String name) {
        Optional<KeySpec> k = catalogue.key(name);
        String label = k.map(x -> t(x.zh(), x.en())).orElse(null);
        return label == null || label.isBlank() ? name : label + t("（" + name + "）", " (" + name + ")");
    }

    private String item(Optional<ItemSpec> spec, String id) {
        return spec.map(x -> t(x.zh(), x.en())).orElse(id);
    }

    /** One step of the rectification list as a sentence. */
    String rectification(RectificationItem i) {
        String gain = i.gain() == null ? "" : fixed(i.gain());
        return switch (i.kind()) {
            case "VETO" -> t("消除否决项 " + i.veto() + "（" + veto(i.veto()) + "）",
                    "Remove veto " + i.veto() + " (" + veto(i.veto()) + ")");
            case "UNDECIDED_VETO" -> t("补充判定否决项 " + i.veto() + " 所需材料：" + key(i.key()),
                    "Supply the evidence veto " + i.veto() + " needs: " + key(i.key()));
            case "MISSING_EVIDENCE" -> t("补充材料 " + key(i.key()) + "，指标 " + i.indicator() + " 最多可得 " + gain + " 分",
                    "Supply " + key(i.key()) + ": indicator " + i.indicator() + " can gain up to " + gain + " points");
            case "KEY_ITEM_BELOW_FLOOR" -> belowFloor(i);
            case "RAISE_INDICATOR" -> t("将 " + i.indicator() + "（" + indicator(i.indicator()) + "）提升至满分，可增 " + gain + " 分",
                    "Raise " + i.indicator() + " (" + indicator(i.indicator()) + ") to full marks: +" + gain + " points");
            default -> i.kind() + " " + (i.indicator() == null ? "" : i.indicator()) + " " + gain;
        };
    }

    private String belowFloor(RectificationItem i) {
        String needs = i.needs() == null ? "" : fixed(i.needs());
        String head = t("关键项 " + i.indicator() + "（" + indicator(i.indicator()) + "）低于最低得分，差 " + needs + " 分",
                "Key item " + i.indicator() + " (" + indicator(i.indicator()) + ") is " + needs + " points under its floor");
        if (i.steps().isEmpty()) {
            return head + t("：提升至满分，可增 " + fixed(i.gain()) + " 分", ": raise it to full marks, +" + fixed(i.gain()) + " points");
        }
        StringBuilder s = new StringBuilder(head).append(t("：", ": "));
        for (int n = 0; n < i.steps().size(); n++) {
            s.append(n == 0 ? "" : t("；并且", "; and ")).append(step(i.steps().get(n)));
        }
        return s.toString();
    }

    /** One change a county can make: 将 X 提高到 5 以上，得 3 分（+1.5）. */
    String step(RectificationStep s) {
        String target = s.target() == null ? "" : plain(s.target());
        String earns = s.points() == null ? "" : t("，得 " + plain(s.points()) + " 分", ": " + plain(s.points()) + " points");
        String gain = t("（+" + plain(s.gain()) + "）", " (+" + plain(s.gain()) + ")");
        return switch (s.action()) {
            case "RAISE_TO" -> t("将 " + key(s.key()) + " 提高到 " + target + " 以上", "raise " + key(s.key()) + " to at least " + target);
            case "SUPPLY_AT_LEAST" -> t("补充 " + key(s.key()) + "，达到 " + target + " 以上",
                    "supply " + key(s.key()) + " of at least " + target);
            case "RAISE_RATIO_TO" -> t("将 " + key(s.key()) + " 与 " + denominator(s) + " 之比提高到 " + target + " 以上",
                    "raise " + key(s.key()) + " / " + denominator(s) + " to at least " + target);
            case "SET_TRUE" -> t("做到 " + key(s.key()) + "（是）", "make " + key(s.key()) + " true");
            case "REDUCE_TO" -> t("将 " + key(s.key()) + " 减少到 " + target + " 以下", "bring " + key(s.key()) + " down to " + target + " or fewer");
            default -> s.action() + " " + s.key() + " " + target;
        } + earns + gain;
    }

    private String denominator(RectificationStep s) {
        return s.of() == null ? t("其分母", "its denominator") : key(s.of());
    }

    String kind(String kind) {
        return switch (kind) {
            case "VETO" -> t("否决项", "veto");
            case "UNDECIDED_VETO" -> t("无法判定的否决项", "undecided veto");
            case "MISSING_EVIDENCE" -> t("缺少材料", "missing evidence");
            case "KEY_ITEM_BELOW_FLOOR" -> t("关键项未达底线", "key item under its floor");
            case "RAISE_INDICATOR" -> t("提升指标", "raise an indicator");
            default -> kind;
        };
    }

    Map<String, TaskSpec> tasks() {
        Map<String, TaskSpec> m = new java.util.LinkedHashMap<>();
        catalogue.tasks().forEach(x -> m.put(x.id(), x));
        return m;
    }

    Optional<IndicatorSpec> indicatorSpec(String id) {
        return catalogue.indicators().filter(x -> x.id().equals(id)).findFirst();
    }

    String standardName() {
        return t(catalogue.zh(), catalogue.en());
    }

    /** A score with two decimals: 93.50. */
    static String fixed(BigDecimal d) {
        return d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A number as written: 3, 1.5. */
    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** A parameter value as text. */
    static String value(Object v) {
        if (v instanceof BigDecimal d) {
            return plain(d);
        }
        if (v instanceof java.util.List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}
