package org.safecounty.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.BonusResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.NotAccepted;
import org.safecounty.result.Outcome;
import org.safecounty.result.ParameterUse;
import org.safecounty.result.Problem;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.TaskScore;
import org.safecounty.result.UndecidedVeto;
import org.safecounty.result.Verdict;
import org.safecounty.result.VetoResult;

/**
 * The view models the HTML templates render: maps and lists of texts already worded and formatted
 * in the report's language, true/false and whole numbers — no result object, nothing with methods
 * a template could call. Every variable is described in docs/reports.md (restyling a report); a
 * template escapes every text it prints, so nothing here is escaped.
 */
final class ReportModel {

    private ReportModel() {
    }

    /** One county's page; {@code indexHref} links back to an overview ({@code null}: no link). */
    static Map<String, Object> county(AssessmentResult r, PackCatalogue catalogue, Lang lang, String indexHref) {
        Wording w = new Wording(catalogue, lang);
        View m = new View();
        String heading = w.t("食品药品安全县评价报告", "Food and Drug Safety County assessment");
        m.put("lang", lang.tag());
        m.put("t", words(lang));
        m.put("title", r.county().name() + " · " + heading);
        m.put("heading", heading);
        m.put("indexHref", indexHref == null ? null : href(indexHref));
        m.put("county", new View().with("name", r.county().name()).with("code", r.county().code()));
        m.put("standard", new View().with("name", w.standardName()).with("id", r.standard().id())
                .with("version", r.standard().version()).with("sha256", r.standard().sha256()));
        m.put("mode", switch (r.mode()) {
            case SELF -> w.t("县自评", "self-assessment");
            case ACCEPTANCE -> w.t("省验收", "provincial acceptance");
        });
        m.put("verdict", verdict(r.verdict(), lang));
        m.put("total", Wording.fixed(r.totalScore()));
        m.put("base", Wording.fixed(r.baseScore()));
        m.put("bonus", Wording.fixed(r.bonusScore()));
        m.put("radar", radar(r, catalogue, w));
        m.put("tasks", list(r.tasks(), t -> new View().with("id", t.id()).with("name", w.task(t.id()))
                .with("score", Wording.fixed(t.score())).with("max", Wording.plain(t.max())).with("percent", percent(t))));
        m.put("rectification", list(r.rectification(), (RectificationItem i) -> new View()
                .with("kind", w.kind(i.kind())).with("text", w.rectification(i))));
        m.put("rectificationNone", r.verdict().passes()
                ? w.t("已达标，无需整改。", "The county passes: nothing to rectify.") : w.t("无。", "None."));
        m.put("vetoes", list(r.vetoes(), (VetoResult v) -> new View().with("id", v.id()).with("name", w.veto(v.id()))
                .with("explanation", w.t(v.explanation(), v.explanationEn()))
                .with("trace", trace(w, v.rule(), v.parameters(), v.evidence(), v.documents()))));
        m.put("undecidedVetoes", list(r.undecidedVetoes(), (UndecidedVeto v) -> new View().with("id", v.id())
                .with("name", w.veto(v.id())).with("missing", list(v.missingKeys(), w::key))));
        m.put("indicators", list(r.indicators(), (IndicatorResult i) -> new View().with("id", i.id())
                .with("name", w.indicatorSpec(i.id()).map(s -> w.t(s.zh(), s.en())).orElse(""))
                .with("keyItem", i.keyItem()).with("full", i.score().compareTo(i.max()) >= 0)
                .with("score", Wording.fixed(i.score())).with("max", Wording.plain(i.max()))
                .with("status", w.status(i.status())).with("explanation", w.t(i.explanation(), i.explanationEn()))
                .with("trace", trace(w, i.rule(), i.parameters(), i.evidence(), i.documents()))));
        m.put("bonusItems", list(r.bonus(), (BonusResult b) -> new View().with("id", b.id()).with("name", w.bonus(b.id()))
                .with("score", Wording.fixed(b.score()))
                .with("explanation", b.explanation() == null ? "" : w.t(b.explanation(), b.explanationEn()))
                .with("trace", trace(w, b.rule(), b.parameters(), b.evidence(), b.documents()))));
        m.put("notAccepted", list(r.notAccepted(), (NotAccepted n) -> new View().with("evidence", n.evidence())
                .with("reason", w.reason(n.reason()))));
        return m.frozen();
    }

    /** The overview of a batch; {@code catalogue} is {@code null} when no file could be assessed. */
    static Map<String, Object> overview(String title, List<ReportEntry> entries, PackCatalogue catalogue, Lang lang) {
        View m = new View();
        m.put("lang", lang.tag());
        m.put("t", words(lang));
        m.put("title", title);
        m.put("standardName", catalogue == null ? null : new Wording(catalogue, lang).standardName());
        List<ReportEntry> assessed = entries.stream().filter(e -> e.outcome() instanceof Outcome.Assessed).toList();
        List<ReportEntry> rejected = entries.stream().filter(e -> !(e.outcome() instanceof Outcome.Assessed)).toList();

        Map<String, Verdict> levels = new LinkedHashMap<>();
        if (catalogue != null) {
            catalogue.verdicts().forEach(v -> levels.put(v.code(), v));
        }
        Map<String, Integer> counts = new HashMap<>();
        assessed.forEach(e -> {
            Verdict v = result(e).verdict();
            levels.putIfAbsent(v.code(), v);
            counts.merge(v.code(), 1, Integer::sum);
        });
        m.put("counts", list(List.copyOf(levels.values()), v -> new View().with("verdict", verdict(v, lang))
                .with("count", counts.getOrDefault(v.code(), 0))));
        m.put("rejectedCount", rejected.size());
        m.put("entryCount", entries.size());

        List<ReportEntry> ranked = new ArrayList<>(assessed);
        ranked.sort(RANKING);
        m.put("ranking", ranking(ranked, lang));
        Map<String, List<ReportEntry>> byCity = new TreeMap<>();
        ranked.forEach(e -> byCity.computeIfAbsent(city(e, lang), c -> new ArrayList<>()).add(e));
        m.put("cities", list(List.copyOf(byCity.entrySet()), c -> new View().with("name", c.getKey())
                .with("ranking", ranking(c.getValue(), lang))));
        m.put("trends", trends(assessed));
        m.put("rejected", list(rejected, e -> new View().with("file", e.file()).with("problems",
                list(((Outcome.Rejected) e.outcome()).problems(), (Problem p) -> new View().with("path", p.path())
                        .with("message", lang.t(p.zh(), p.en()))))));
        return m.frozen();
    }

    /** By total, highest first; equal totals by division code, then file. */
    private static final Comparator<ReportEntry> RANKING = Comparator
            .comparing((ReportEntry e) -> result(e).totalScore()).reversed()
            .thenComparing(e -> result(e).county().code())
            .thenComparing(ReportEntry::file);

    private static List<Object> ranking(List<ReportEntry> ranked, Lang lang) {
        List<Object> rows = new ArrayList<>();
        int rank = 0;
        BigDecimal previous = null;
        for (int n = 0; n < ranked.size(); n++) {
            ReportEntry e = ranked.get(n);
            AssessmentResult r = result(e);
            if (previous == null || r.totalScore().compareTo(previous) != 0) {
                rank = n + 1;       // equal totals share a rank (1, 2, 2, 4)
            }
            previous = r.totalScore();
            rows.add(new View().with("rank", rank).with("name", r.county().name())
                    .with("href", e.page() == null ? null : href(e.page())).with("code", r.county().code())
                    .with("city", city(e, lang)).with("total", Wording.fixed(r.totalScore()))
                    .with("verdict", verdict(r.verdict(), lang)).frozen());
        }
        return Collections.unmodifiableList(rows);
    }

    /** For each county assessed in several years: each task's change from one year to the next. */
    private static List<Object> trends(List<ReportEntry> assessed) {
        Map<String, TreeMap<Integer, AssessmentResult>> byCounty = new TreeMap<>();
        for (ReportEntry e : assessed) {
            if (e.year() > 0) {
                byCounty.computeIfAbsent(result(e).county().code(), k -> new TreeMap<>()).put(e.year(), result(e));
            }
        }
        List<Object> rows = new ArrayList<>();
        for (TreeMap<Integer, AssessmentResult> years : byCounty.values()) {
            Integer previous = null;
            for (Integer year : years.keySet()) {
                if (previous != null) {
                    AssessmentResult a = years.get(previous);
                    AssessmentResult b = years.get(year);
                    Map<String, BigDecimal> before = new LinkedHashMap<>();
                    a.tasks().forEach(t -> before.put(t.id(), t.score()));
                    rows.add(new View().with("county", b.county().code() + " " + b.county().name()).with("from", previous)
                            .with("to", year)
                            .with("tasks", list(b.tasks(), (TaskScore t) -> new View().with("id", t.id())
                                    .with("change", change(t.score().subtract(before.getOrDefault(t.id(), BigDecimal.ZERO))))))
                            .with("total", change(b.totalScore().subtract(a.totalScore()))).frozen());
                }
                previous = year;
            }
        }
        return Collections.unmodifiableList(rows);
    }

    /** A task's score as a whole percentage of its maximum, 0 to 100 (for a bar a template draws). */
    private static int percent(TaskScore t) {
        if (t.max().signum() <= 0) {
            return 0;
        }
        int p = t.score().multiply(BigDecimal.valueOf(100)).divide(t.max(), 0, RoundingMode.HALF_UP).intValue();
        return Math.max(0, Math.min(100, p));
    }

    /** A change as written: +1.5, -1.5, 0. */
    private static String change(BigDecimal d) {
        return (d.signum() > 0 ? "+" : "") + d.stripTrailingZeros().toPlainString();
    }

    private static String city(ReportEntry e, Lang lang) {
        return e.city() == null || e.city().isBlank() ? lang.t("（未填市）", "(no city)") : e.city();
    }

    private static AssessmentResult result(ReportEntry e) {
        return ((Outcome.Assessed) e.outcome()).result();
    }

    /** A verdict: its code, its name, whether it passes, and the classes a style sheet colours it by. */
    private static Map<String, Object> verdict(Verdict v, Lang lang) {
        return new View().with("code", v.code()).with("name", lang.t(v.zh(), v.en())).with("passes", v.passes())
                .with("cssClass", "verdict v-" + v.code() + (v.passes() ? " passes" : " short")).frozen();
    }

    private static Map<String, Object> trace(Wording w, String rule, List<ParameterUse> parameters, List<String> evidence,
                                             Map<String, String> documents) {
        return new View().with("rule", rule == null ? "" : rule)
                .with("parameters", list(parameters, (ParameterUse p) -> new View().with("name", p.name())
                        .with("value", Wording.value(p.value()))))
                .with("evidence", list(evidence, e -> new View().with("id", e).with("document", documents.get(e))))
                .frozen();
    }

    /**
     * A link to a page beside this one: the name percent-encoded but for letters, digits and
     * {@code . _ ~ -}, so that it can name no scheme ({@code javascript:}), host or folder.
     */
    static String href(String page) {
        StringBuilder out = new StringBuilder();
        for (byte b : page.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '~' || c == '-')) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    /** The radar chart: one axis per task area of the catalogue, each scaled to the task's maximum. */
    private static Map<String, Object> radar(AssessmentResult r, PackCatalogue catalogue, Wording w) {
        List<TaskSpec> tasks = catalogue.tasks();
        Map<String, TaskScore> scores = new LinkedHashMap<>();
        r.tasks().forEach(t -> scores.put(t.id(), t));
        int n = tasks.size();
        double cx = 380;
        double cy = 225;
        double radius = 150;
        List<Object> rings = new ArrayList<>();
        for (int ring = 1; ring <= 4; ring++) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pts.add(point(cx, cy, radius * ring / 4.0, i, n));
            }
            rings.add(points(pts));
        }
        List<Object> axes = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TaskSpec t = tasks.get(i);
            double[] end = point(cx, cy, radius, i, n);
            TaskScore s = scores.get(t.id());
            double share = 0;
            if (s != null && s.max().signum() > 0) {
                share = Math.max(0, Math.min(1, s.score().divide(s.max(), 6, RoundingMode.HALF_UP).doubleValue()));
            }
            data.add(point(cx, cy, radius * share, i, n));
            double[] label = point(cx, cy, radius + 18, i, n);
            String anchor = Math.abs(label[0] - cx) < 1 ? "middle" : label[0] > cx ? "start" : "end";
            double dy = label[1] < cy - radius * 0.9 ? -18 : label[1] > cy + radius * 0.5 ? 10 : -4;
            axes.add(new View().with("task", t.id()).with("name", w.t(t.zh(), t.en())).with("x2", num(end[0]))
                    .with("y2", num(end[1])).with("labelX", num(label[0])).with("labelY", num(label[1] + dy))
                    .with("anchor", anchor)
                    .with("score", s == null ? "" : Wording.fixed(s.score()) + " / " + Wording.plain(s.max())).frozen());
        }
        List<Object> dots = new ArrayList<>();
        data.forEach(p -> dots.add(new View().with("x", num(p[0])).with("y", num(p[1])).frozen()));
        return new View().with("label", w.t("任务得分雷达图", "Radar chart of the task scores"))
                .with("title", w.t("任务得分率", "Share of each task's maximum")).with("cx", num(cx)).with("cy", num(cy))
                .with("rings", Collections.unmodifiableList(rings)).with("axes", Collections.unmodifiableList(axes))
                .with("points", points(data)).with("dots", Collections.unmodifiableList(dots)).frozen();
    }

    private static double[] point(double cx, double cy, double r, int i, int n) {
        double angle = -Math.PI / 2 + 2 * Math.PI * i / n;
        return new double[] {cx + r * Math.cos(angle), cy + r * Math.sin(angle)};
    }

    private static String points(List<double[]> pts) {
        return String.join(" ", pts.stream().map(p -> num(p[0]) + "," + num(p[1])).toList());
    }

    private static String num(double d) {
        String s = String.format(Locale.ROOT, "%.1f", d);
        return s.equals("-0.0") ? "0.0" : s;
    }

    /** The words of the default templates in {@code lang}, by name. */
    static Map<String, Object> words(Lang lang) {
        View t = new View();
        for (String[] word : WORDS) {
            t.put(word[0], lang.t(word[1], word[2]));
        }
        return t.frozen();
    }

    /** Name, Chinese, English. */
    private static final String[][] WORDS = {
        {"backToOverview", "返回总览", "Back to the overview"},
        {"divisionCode", "行政区划代码", "Division code"},
        {"verdict", "结论", "Verdict"},
        {"total", "总分", "Total"},
        {"base", "基础分", "base"},
        {"bonus", "加分", "bonus"},
        {"taskAreas", "任务得分", "Task areas"},
        {"task", "任务", "Task"},
        {"score", "得分", "Score"},
        {"max", "满分", "Max"},
        {"rectificationList", "整改清单", "Rectification list"},
        {"vetoes", "否决项", "Vetoes"},
        {"cannotDecideMissing", "无法判定，缺少 ", "cannot be decided, missing "},
        {"listSeparator", "、", ", "},
        {"indicatorsAndWhy", "指标得分与说明", "Indicators and why"},
        {"keyItemNote", "带 * 的为关键项。", "* marks a key item."},
        {"indicator", "指标", "Indicator"},
        {"status", "状态", "Status"},
        {"explanation", "说明", "Explanation"},
        {"bonusItems", "加分项", "Bonus items"},
        {"bonusItem", "加分项", "Item"},
        {"bonusTotal", "加分合计（封顶后）", "Bonus total (after the cap)"},
        {"evidenceNotCounted", "未计入的证据", "Evidence not counted"},
        {"evidence", "证据", "Evidence"},
        {"reason", "原因", "Reason"},
        {"rulePack", "规则包", "Rule pack"},
        {"trace", "依据", "Trace"},
        {"traceRule", "规则：", "Rule: "},
        {"traceParameters", "参数：", "Parameters: "},
        {"traceEvidence", "计入证据：", "Evidence counted: "},
        {"documentOpen", "（", "("},
        {"documentClose", "）", ")"},
        {"verdicts", "结论统计", "Verdicts"},
        {"counties", "县数", "Counties"},
        {"rejected", "退回", "Rejected"},
        {"all", "合计", "All"},
        {"overallRanking", "总排名", "Overall ranking"},
        {"rankingWithinCity", "各市排名", "Ranking within each city"},
        {"rank", "名次", "Rank"},
        {"countyColumn", "县（市、区）", "County"},
        {"code", "代码", "Code"},
        {"city", "市", "City"},
        {"yearOverYear", "历年变化", "Year over year"},
        {"county", "县", "County"},
        {"years", "年度", "Years"},
        {"changePerTask", "各任务得分变化", "Change per task"},
        {"changeOfTotal", "总分变化", "Change of total"},
        {"rejectedSubmissions", "退回的材料", "Rejected submissions"},
        {"file", "文件", "File"},
        {"problems", "问题", "Problems"},
    };

    private static <T> List<Object> list(List<T> items, java.util.function.Function<T, Object> view) {
        List<Object> out = new ArrayList<>(items.size());
        for (T item : items) {
            Object v = view.apply(item);
            out.add(v instanceof View m ? m.frozen() : v);
        }
        return Collections.unmodifiableList(out);
    }

    /** A map of the view model being built, in the order its entries are put. */
    private static final class View extends LinkedHashMap<String, Object> {

        private static final long serialVersionUID = 1L;

        @Override
        public Object put(String key, Object value) {
            return super.put(key, value instanceof View v ? v.frozen() : value);
        }

        View with(String key, Object value) {
            put(key, value);
            return this;
        }

        Map<String, Object> frozen() {
            return Collections.unmodifiableMap(this);
        }
    }
}
