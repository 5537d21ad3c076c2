package org.safecounty.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.internal.text.Escape;
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
 * HTML reports: one page per county (verdict, total, a radar chart of the task areas, the
 * indicators with their explanations and trace, the rectification list) and an overview of a
 * batch (verdict counts, ranking overall and within each city, a link to each county's page).
 * Every page is one self-contained file: inline CSS and SVG, no script, no font or image fetched,
 * so it opens from disk with no network. Every text that comes from a submission or a pack is
 * HTML-escaped. The same input gives the same bytes.
 */
public final class HtmlReport {

    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--accent:#0b6e4f;--bad:#b42318;--warn:#b54708;}
            *{box-sizing:border-box}
            body{margin:0;padding:24px 32px;color:var(--ink);background:#fff;line-height:1.55;
              font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",
              "SimSun","Helvetica Neue",Arial,sans-serif;font-size:14px}
            h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
            .sub{color:var(--muted);margin:0 0 16px}
            .top{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
            .card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:220px}
            .big{font-size:32px;font-weight:700}
            .verdict{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:700}
            .verdict.passes{background:#2f855a}.verdict.short{background:#b54708}.v-REJECTED{background:#3f3f46}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f0f4f8} td.num,th.num{text-align:right;white-space:nowrap}
            tr.short td{background:#fffaf0}
            .muted{color:var(--muted)} .key{color:var(--bad);font-weight:700}
            details{margin-top:4px} summary{cursor:pointer;color:var(--muted)}
            svg.radar text{font-size:12px;fill:var(--ink)}
            ol li{margin:2px 0} a{color:#0b4f8a}
            @media print{body{padding:0}}
            """;

    /** One county's page; {@code indexHref} links back to an overview ({@code null}: no link). */
    public String county(AssessmentResult r, PackCatalogue catalogue, Lang lang, String indexHref) {
        Wording w = new Wording(catalogue, lang);
        StringBuilder h = new StringBuilder();
        String title = r.county().name() + " · " + w.t("食品药品安全县评价报告", "Food and Drug Safety County assessment");
        head(h, lang, title);
        if (indexHref != null) {
            h.append("<p><a href=\"").append(esc(indexHref)).append("\">← ").append(w.t("返回总览", "Back to the overview"))
                    .append("</a></p>\n");
        }
        h.append("<h1 id=\"title\">").append(esc(r.county().name())).append(' ')
                .append(esc(w.t("食品药品安全县评价报告", "Food and Drug Safety County assessment"))).append("</h1>\n");
        h.append("<p class=\"sub\">").append(esc(w.t("行政区划代码", "Division code"))).append(' ')
                .append(esc(r.county().code())).append(" · ").append(esc(w.standardName())).append(" · ")
                .append(esc(r.standard().version())).append(" · ").append(esc(mode(r, w))).append("</p>\n");

        h.append("<div class=\"top\">\n<div class=\"card\">\n<div>").append(esc(w.t("结论", "Verdict"))).append("</div>\n");
        h.append("<div class=\"big\"><span class=\"").append(verdictClass(r.verdict())).append("\" id=\"verdict\">")
                .append(esc(w.verdict(r.verdict()))).append("</span></div>\n");
        h.append("<div>").append(esc(w.t("总分", "Total"))).append(" <span class=\"big\" id=\"total\">")
                .append(Wording.fixed(r.totalScore())).append("</span></div>\n");
        h.append("<div class=\"muted\">").append(esc(w.t("基础分", "base"))).append(' ').append(Wording.fixed(r.baseScore()))
                .append(" + ").append(esc(w.t("加分", "bonus"))).append(' ').append(Wording.fixed(r.bonusScore()))
                .append("</div>\n</div>\n");
        h.append("<div class=\"card\">\n");
        radar(h, r, catalogue, w);
        h.append("</div>\n</div>\n");

        h.append("<h2>").append(esc(w.t("任务得分", "Task areas"))).append("</h2>\n<table id=\"tasks\"><thead><tr><th>")
                .append(esc(w.t("任务", "Task"))).append("</th><th class=\"num\">").append(esc(w.t("得分", "Score")))
                .append("</th><th class=\"num\">").append(esc(w.t("满分", "Max"))).append("</th></tr></thead><tbody>\n");
        for (TaskScore t : r.tasks()) {
            h.append("<tr><td>").append(esc(t.id() + " " + w.task(t.id()))).append("</td><td class=\"num\">")
                    .append(Wording.fixed(t.score())).append("</td><td class=\"num\">").append(Wording.plain(t.max()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        rectification(h, r, w);
        vetoes(h, r, w);
        indicators(h, r, w);
        bonus(h, r, w);
        notAccepted(h, r, w);
        h.append("<p class=\"muted\">").append(esc(w.t("规则包", "Rule pack"))).append(' ').append(esc(r.standard().id()))
                .append(' ').append(esc(r.standard().version())).append(" · SHA-256 ").append(esc(r.standard().sha256()))
                .append("</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * The overview of a batch: verdict counts, the ranking by total overall and within each city,
     * each county linked to its page, and the submissions that were rejected.
     */
    public String overview(String title, List<ReportEntry> entries, PackCatalogue catalogue, Lang lang) {
        Wording w = catalogue == null ? null : new Wording(catalogue, lang);
        StringBuilder h = new StringBuilder();
        head(h, lang, title);
        h.append("<h1 id=\"title\">").append(esc(title)).append("</h1>\n");
        if (w != null) {
            h.append("<p class=\"sub\">").append(esc(w.standardName())).append("</p>\n");
        }
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
        h.append("<h2>").append(esc(lang.t("结论统计", "Verdicts"))).append("</h2>\n<table id=\"counts\"><thead><tr><th>")
                .append(esc(lang.t("结论", "Verdict"))).append("</th><th class=\"num\">").append(esc(lang.t("县数", "Counties")))
                .append("</th></tr></thead><tbody>\n");
        for (Verdict v : levels.values()) {
            h.append("<tr><td><span class=\"").append(verdictClass(v)).append("\">").append(esc(verdictName(v, lang)))
                    .append("</span></td><td class=\"num\">").append(counts.getOrDefault(v.code(), 0))
                    .append("</td></tr>\n");
        }
        h.append("<tr><td><span class=\"verdict v-REJECTED\">").append(esc(lang.t("退回", "Rejected")))
                .append("</span></td><td class=\"num\">").append(rejected.size()).append("</td></tr>\n");
        h.append("<tr><th>").append(esc(lang.t("合计", "All"))).append("</th><th class=\"num\">").append(entries.size())
                .append("</th></tr>\n</tbody></table>\n");

        List<ReportEntry> ranked = new ArrayList<>(assessed);
        ranked.sort(RANKING);
        h.append("<h2>").append(esc(lang.t("总排名", "Overall ranking"))).append("</h2>\n");
        ranking(h, ranked, lang, true, "ranking");

        Map<String, List<ReportEntry>> byCity = new LinkedHashMap<>();
        ranked.stream().map(e -> city(e, lang)).distinct().sorted().forEach(c -> byCity.put(c, new ArrayList<>()));
        ranked.forEach(e -> byCity.get(city(e, lang)).add(e));
        h.append("<h2>").append(esc(lang.t("各市排名", "Ranking within each city"))).append("</h2>\n");
        for (Map.Entry<String, List<ReportEntry>> c : byCity.entrySet()) {
            h.append("<h3>").append(esc(c.getKey())).append("</h3>\n");
            ranking(h, c.getValue(), lang, false, null);
        }

        trends(h, assessed, lang);

        if (!rejected.isEmpty()) {
            h.append("<h2>").append(esc(lang.t("退回的材料", "Rejected submissions"))).append("</h2>\n<table id=\"rejected\"><thead><tr><th>")
                    .append(esc(lang.t("文件", "File"))).append("</th><th>").append(esc(lang.t("问题", "Problems")))
                    .append("</th></tr></thead><tbody>\n");
            for (ReportEntry e : rejected) {
                h.append("<tr><td>").append(esc(e.file())).append("</td><td><ul>");
                for (Problem p : ((Outcome.Rejected) e.outcome()).problems()) {
                    h.append("<li>").append(esc(p.path())).append("：").append(esc(lang.t(p.zh(), p.en()))).append("</li>");
                }
                h.append("</ul></td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** By total, highest first; equal totals by division code, then file. */
    private static final Comparator<ReportEntry> RANKING = Comparator
            .comparing((ReportEntry e) -> result(e).totalScore()).reversed()
            .thenComparing(e -> result(e).county().code())
            .thenComparing(ReportEntry::file);

    /** For each county assessed in several years: each task's change from one year to the next. */
    private static void trends(StringBuilder h, List<ReportEntry> assessed, Lang lang) {
        Map<String, java.util.TreeMap<Integer, AssessmentResult>> byCounty = new java.util.TreeMap<>();
        for (ReportEntry e : assessed) {
            if (e.year() > 0) {
                AssessmentResult r = ((Outcome.Assessed) e.outcome()).result();
                byCounty.computeIfAbsent(r.county().code(), k -> new java.util.TreeMap<>()).put(e.year(), r);
            }
        }
        byCounty.values().removeIf(years -> years.size() < 2);
        if (byCounty.isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(lang.t("历年变化", "Year over year"))).append("</h2>\n<table id=\"trends\"><thead><tr><th>")
                .append(esc(lang.t("县", "County"))).append("</th><th>").append(esc(lang.t("年度", "Years")))
                .append("</th><th>").append(esc(lang.t("各任务得分变化", "Change per task"))).append("</th><th class=\"num\">")
                .append(esc(lang.t("总分变化", "Change of total"))).append("</th></tr></thead><tbody>\n");
        for (var county : byCounty.values()) {
            Integer previous = null;
            for (Integer year : county.keySet()) {
                if (previous != null) {
                    AssessmentResult a = county.get(previous);
                    AssessmentResult b = county.get(year);
                    Map<String, BigDecimal> before = new LinkedHashMap<>();
                    a.tasks().forEach(t -> before.put(t.id(), t.score()));
                    StringBuilder tasks = new StringBuilder();
                    for (TaskScore t : b.tasks()) {
                        BigDecimal d = t.score().subtract(before.getOrDefault(t.id(), BigDecimal.ZERO));
                        tasks.append(t.id()).append(' ').append(d.signum() > 0 ? "+" : "").append(d.stripTrailingZeros().toPlainString())
                                .append("  ");
                    }
                    BigDecimal total = b.totalScore().subtract(a.totalScore());
                    h.append("<tr><td>").append(esc(b.county().code() + " " + b.county().name())).append("</td><td>")
                            .append(previous).append(" → ").append(year).append("</td><td>").append(esc(tasks.toString().strip()))
                            .append("</td><td class=\"num\">").append(total.signum() > 0 ? "+" : "")
                            .append(total.stripTrailingZeros().toPlainString()).append("</td></tr>\n");
                }
                previous = year;
            }
        }
        h.append("</tbody></table>\n");
    }

    private static void ranking(StringBuilder h, List<ReportEntry> ranked, Lang lang, boolean withCity, String id) {
        h.append("<table").append(id == null ? "" : " id=\"" + id + "\"").append("><thead><tr><th class=\"num\">")
                .append(esc(lang.t("名次", "Rank"))).append("</th><th>").append(esc(lang.t("县（市、区）", "County")))
                .append("</th><th>").append(esc(lang.t("代码", "Code"))).append("</th>");
        if (withCity) {
            h.append("<th>").append(esc(lang.t("市", "City"))).append("</th>");
        }
        h.append("<th class=\"num\">").append(esc(lang.t("总分", "Total"))).append("</th><th>")
                .append(esc(lang.t("结论", "Verdict"))).append("</th></tr></thead><tbody>\n");
        int rank = 0;
        BigDecimal previous = null;
        for (int n = 0; n < ranked.size(); n++) {
            ReportEntry e = ranked.get(n);
            AssessmentResult r = result(e);
            if (previous == null || r.totalScore().compareTo(previous) != 0) {
                rank = n + 1;       // equal totals share a rank (1, 2, 2, 4)
            }
            previous = r.totalScore();
            h.append("<tr><td class=\"num\">").append(rank).append("</td><td>");
            if (e.page() != null) {
                h.append("<a href=\"").append(esc(e.page())).append("\">").append(esc(r.county().name())).append("</a>");
            } else {
                h.append(esc(r.county().name()));
            }
            h.append("</td><td>").append(esc(r.county().code())).append("</td>");
            if (withCity) {
                h.append("<td>").append(esc(city(e, lang))).append("</td>");
            }
            h.append("<td class=\"num\">").append(Wording.fixed(r.totalScore())).append("</td><td><span class=\"")
                    .append(verdictClass(r.verdict())).append("\">").append(esc(verdictName(r.verdict(), lang)))
                    .append("</span></td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static String city(ReportEntry e, Lang lang) {
        return e.city() == null || e.city().isBlank() ? lang.t("（未填市）", "(no city)") : e.city();
    }

    private static AssessmentResult result(ReportEntry e) {
        return ((Outcome.Assessed) e.outcome()).result();
    }

    private static String verdictName(Verdict v, Lang lang) {
        return lang.t(v.zh(), v.en());
    }

    /** Classes a province's style sheet can colour a verdict by: its code, and whether it passes. */
    private static String verdictClass(Verdict v) {
        return "verdict v-" + esc(v.code()) + (v.passes() ? " passes" : " short");
    }

    private static String mode(AssessmentResult r, Wording w) {
        return switch (r.mode()) {
            case SELF -> w.t("县自评", "self-assessment");
            case ACCEPTANCE -> w.t("省验收", "provincial acceptance");
        };
    }

    private static void head(StringBuilder h, Lang lang, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"").append(lang.tag()).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    }

    /** A radar chart with one axis per task area of the catalogue, each scaled to the task's maximum. */
    private static void radar(StringBuilder h, AssessmentResult r, PackCatalogue catalogue, Wording w) {
        List<TaskSpec> tasks = catalogue.tasks();
        Map<String, TaskScore> scores = new LinkedHashMap<>();
        r.tasks().forEach(t -> scores.put(t.id(), t));
        int n = tasks.size();
        double cx = 380;
        double cy = 225;
        double radius = 150;
        h.append("<svg class=\"radar\" id=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"450\" viewBox=\"0 0 760 450\" role=\"img\" aria-label=\"")
                .append(esc(w.t("任务得分雷达图", "Radar chart of the task scores"))).append("\">\n");
        h.append("<title>").append(esc(w.t("任务得分率", "Share of each task's maximum"))).append("</title>\n");
        for (int ring = 1; ring <= 4; ring++) {
            double f = ring / 4.0;
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pts.add(point(cx, cy, radius * f, i, n));
            }
            h.append("<polygon class=\"ring\" points=\"").append(points(pts))
                    .append("\" fill=\"none\" stroke=\"#d9e2ec\" stroke-width=\"1\"/>\n");
        }
        List<double[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TaskSpec t = tasks.get(i);
            double[] end = point(cx, cy, radius, i, n);
            h.append("<line class=\"axis\" data-task=\"").append(esc(t.id())).append("\" x1=\"").append(num(cx))
                    .append("\" y1=\"").append(num(cy)).append("\" x2=\"").append(num(end[0])).append("\" y2=\"")
                    .append(num(end[1])).append("\" stroke=\"#9aa5b1\" stroke-width=\"1\"/>\n");
            TaskScore s = scores.get(t.id());
            double share = 0;
            if (s != null && s.max().signum() > 0) {
                share = Math.max(0, Math.min(1, s.score().divide(s.max(), 6, RoundingMode.HALF_UP).doubleValue()));
            }
            data.add(point(cx, cy, radius * share, i, n));
            double[] label = point(cx, cy, radius + 18, i, n);
            String anchor = Math.abs(label[0] - cx) < 1 ? "middle" : label[0] > cx ? "start" : "end";
            double dy = label[1] < cy - radius * 0.9 ? -18 : label[1] > cy + radius * 0.5 ? 10 : -4;
            h.append("<text class=\"axis-label\" x=\"").append(num(label[0])).append("\" y=\"").append(num(label[1] + dy))
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(esc(t.id() + " " + w.t(t.zh(), t.en())))
                    .append("<tspan x=\"").append(num(label[0])).append("\" dy=\"15\">")
                    .append(s == null ? "" : Wording.fixed(s.score()) + " / " + Wording.plain(s.max())).append("</tspan></text>\n");
        }
        h.append("<polygon class=\"score\" points=\"").append(points(data))
                .append("\" fill=\"rgba(11,110,79,0.25)\" stroke=\"#0b6e4f\" stroke-width=\"2\"/>\n");
        for (double[] p : data) {
            h.append("<circle cx=\"").append(num(p[0])).append("\" cy=\"").append(num(p[1]))
                    .append("\" r=\"3\" fill=\"#0b6e4f\"/>\n");
        }
        h.append("</svg>\n");
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

    private static void rectification(StringBuilder h, AssessmentResult r, Wording w) {
        h.append("<h2>").append(esc(w.t("整改清单", "Rectification list"))).append("</h2>\n");
        if (r.rectification().isEmpty()) {
            h.append("<p id=\"rectification\">").append(esc(r.verdict().passes()
                    ? w.t("已达标，无需整改。", "The county passes: nothing to rectify.")
                    : w.t("无。", "None."))).append("</p>\n");
            return;
        }
        h.append("<ol id=\"rectification\">\n");
        for (RectificationItem i : r.rectification()) {
            h.append("<li><span class=\"muted\">[").append(esc(w.kind(i.kind()))).append("]</span> ")
                    .append(esc(w.rectification(i))).append("</li>\n");
        }
        h.append("</ol>\n");
    }

    private static void vetoes(StringBuilder h, AssessmentResult r, Wording w) {
        if (r.vetoes().isEmpty() && r.undecidedVetoes().isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(w.t("否决项", "Vetoes"))).append("</h2>\n<ul id=\"vetoes\">\n");
        for (VetoResult v : r.vetoes()) {
            h.append("<li><span class=\"key\">").append(esc(v.id() + " " + w.veto(v.id()))).append("</span>：")
                    .append(esc(w.t(v.explanation(), v.explanationEn())));
            trace(h, w, v.rule(), v.parameters(), v.evidence(), v.documents());
            h.append("</li>\n");
        }
        for (UndecidedVeto v : r.undecidedVetoes()) {
            h.append("<li>").append(esc(v.id() + " " + w.veto(v.id()))).append("：")
                    .append(esc(w.t("无法判定，缺少 ", "cannot be decided, missing ")))
                    .append(esc(String.join(w.t("、", ", "), v.missingKeys().stream().map(w::key).toList())))
                    .append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static void indicators(StringBuilder h, AssessmentResult r, Wording w) {
        h.append("<h2>").append(esc(w.t("指标得分与说明", "Indicators and why"))).append("</h2>\n")
                .append("<p class=\"muted\">").append(esc(w.t("带 * 的为关键项。", "* marks a key item."))).append("</p>\n")
                .append("<table id=\"indicators\"><thead><tr><th>").append(esc(w.t("指标", "Indicator")))
                .append("</th><th class=\"num\">").append(esc(w.t("得分", "Score"))).append("</th><th>")
                .append(esc(w.t("状态", "Status"))).append("</th><th>").append(esc(w.t("说明", "Explanation")))
                .append("</th></tr></thead><tbody>\n");
        for (IndicatorResult i : r.indicators()) {
            boolean full = i.score().compareTo(i.max()) >= 0;
            h.append("<tr").append(full ? "" : " class=\"short\"").append(" data-indicator=\"").append(esc(i.id()))
                    .append("\"><td>").append(esc(i.id())).append(i.keyItem() ? "<span class=\"key\">*</span>" : "")
                    .append(' ').append(esc(w.indicatorSpec(i.id()).map(s -> w.t(s.zh(), s.en())).orElse("")))
                    .append("</td><td class=\"num\">").append(Wording.fixed(i.score())).append(" / ")
                    .append(Wording.plain(i.max())).append("</td><td>").append(esc(w.status(i.status())))
                    .append("</td><td class=\"explanation\">").append(esc(w.t(i.explanation(), i.explanationEn())));
            trace(h, w, i.rule(), i.parameters(), i.evidence(), i.documents());
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void bonus(StringBuilder h, AssessmentResult r, Wording w) {
        if (r.bonus().isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(w.t("加分项", "Bonus items"))).append("</h2>\n<table id=\"bonus\"><thead><tr><th>")
                .append(esc(w.t("加分项", "Item"))).append("</th><th class=\"num\">").append(esc(w.t("得分", "Score")))
                .append("</th><th>").append(esc(w.t("说明", "Explanation"))).append("</th></tr></thead><tbody>\n");
        for (BonusResult b : r.bonus()) {
            String why = b.explanation() == null ? "" : w.t(b.explanation(), b.explanationEn());
            h.append("<tr><td>").append(esc(b.id() + " " + w.bonus(b.id()))).append("</td><td class=\"num\">")
                    .append(Wording.fixed(b.score())).append("</td><td>").append(esc(why));
            trace(h, w, b.rule(), b.parameters(), b.evidence(), b.documents());
            h.append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p class=\"muted\">").append(esc(w.t("加分合计（封顶后）", "Bonus total (after the cap)")))
                .append(' ').append(Wording.fixed(r.bonusScore())).append("</p>\n");
    }

    private static void notAccepted(StringBuilder h, AssessmentResult r, Wording w) {
        if (r.notAccepted().isEmpty()) {
            return;
        }
        h.append("<h2>").append(esc(w.t("未计入的证据", "Evidence not counted"))).append("</h2>\n<table id=\"not-accepted\"><thead><tr><th>")
                .append(esc(w.t("证据", "Evidence"))).append("</th><th>").append(esc(w.t("原因", "Reason")))
                .append("</th></tr></thead><tbody>\n");
        for (NotAccepted n : r.notAccepted()) {
            h.append("<tr><td>").append(esc(n.evidence())).append("</td><td>").append(esc(w.reason(n.reason())))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void trace(StringBuilder h, Wording w, String rule, List<ParameterUse> parameters, List<String> evidence,
                              Map<String, String> documents) {
        h.append("<details><summary>").append(esc(w.t("依据", "Trace"))).append("</summary><div class=\"muted\">")
                .append(esc(w.t("规则：", "Rule: "))).append(esc(rule == null ? "" : rule));
        if (!parameters.isEmpty()) {
            h.append("<br>").append(esc(w.t("参数：", "Parameters: "))).append(esc(String.join("; ",
                    parameters.stream().map(p -> p.name() + " = " + Wording.value(p.value())).toList())));
        }
        if (!evidence.isEmpty()) {
            h.append("<br>").append(esc(w.t("计入证据：", "Evidence counted: "))).append(esc(String.join(", ",
                    evidence.stream().map(e -> documents.containsKey(e) ? e + " " + w.t("（", "(") + documents.get(e)
                            + w.t("）", ")") : e).toList())));
        }
        h.append("</div></details>");
    }

    /** The style sheet every page shares, for other pages in the same style. */
    public static String css() {
        return CSS;
    }

    /**
     * Escapes text for HTML element content and quoted attribute values; control, bidirectional
     * and line-breaking characters become visible escapes ({@link Escape}).
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> Escape.append(out, c);
            }
        }
        return out.toString();
    }

}
