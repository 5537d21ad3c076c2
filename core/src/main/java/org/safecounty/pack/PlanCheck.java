package org.safecounty.pack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.facts.Parameters;
import org.safecounty.validation.Problem;

/**
 * Checks that the rules and the catalogue describe the same plan, beyond what compiling shows.
 * <b>Errors</b>, which refuse the pack when it loads: an indicator, bonus item or veto of the
 * catalogue that no rule scores ({@code NO_RULE}), or that several rules score ({@code SEVERAL_RULES};
 * allowed only when they share one {@code activation-group}, so that at most one of them fires); a
 * rule that scores an item the catalogue does not have ({@code UNKNOWN_ITEM}); a task whose
 * indicators do not add up to its maximum ({@code TASK_SUM}) or tasks that do not add up to
 * {@code baseMax} ({@code BASE_SUM}). <b>Warnings</b>, which {@code safecounty validate} shows but
 * which do not stop the pack: a parameter no rule and no counting entry reads
 * ({@code UNUSED_PARAMETER}) — the figures are still right, there is just one too many. Every
 * problem names the file and line (for a pack laid over its base, the file that wrote it) and the
 * fix.
 */
public final class PlanCheck {

    /** What the check found: errors refuse the pack, warnings do not. */
    public record Findings(List<Problem> errors, List<Problem> warnings) {

        public Findings {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }
    }

    private static final Pattern RULE = Pattern.compile(
            "^\\s*rule\\s+(?:\"((?:[^\"\\\\]++|\\\\.)*+)\"|'((?:[^'\\\\]++|\\\\.)*+)')");
    private static final Pattern GROUP = Pattern.compile("\\bactivation-group\\s+\"([^\"]*)\"");
    private static final Pattern ITEM = Pattern.compile("\\b(Indicator|BonusItem|Veto)\\s*\\(\\s*id\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern DECIDE = Pattern.compile("\\.decide\\(\\s*\"([^\"]*)\"");
    private static final Pattern PARAMETER = Pattern.compile("params\\.(?:number|bands|texts)\\(\\s*\"([^\"]*)\"");

    /** A rule that scores an item, and its activation group (or {@code null}). */
    private record Handler(String rule, String group) {
    }

    /**
     * @param positions the reader that read the catalogue and parameters, to name the line of a place
     */
    public Findings check(PackFiles files, PackCatalogue catalogue, Parameters parameters, CatalogueReader positions) {
        List<Problem> errors = new ArrayList<>();
        Map<String, List<Handler>> handledBy = new LinkedHashMap<>();
        Set<String> parametersRead = new HashSet<>(countingParameters(catalogue));
        files.ruleFiles().forEach(path -> scan(path, files.text(path).orElse(""), catalogue, handledBy,
                parametersRead, errors));
        items(catalogue).forEach((id, pointer) -> {
            List<Handler> rules = handledBy.getOrDefault(id, List.of());
            String at = positions.position(CatalogueReader.CATALOGUE, pointer);
            if (rules.isEmpty()) {
                errors.add(new Problem(at, "NO_RULE",
                        id + " 在目录中，但没有规则计算它；请在 rules/ 中为它写一条规则（如 $i : Indicator( id == \"" + id
                                + "\" )），或从 pack.yaml 中删去它",
                        id + " is in the catalogue but no rule scores it; write a rule for it in rules/ (e.g. $i : Indicator( id == \""
                                + id + "\" )), or take it out of pack.yaml"));
            } else if (rules.size() > 1 && !oneGroup(rules)) {
                List<String> names = rules.stream().map(Handler::rule).toList();
                errors.add(new Problem(at, "SEVERAL_RULES",
                        id + " 由多条规则计算：" + String.join("、", names) + "；请只留一条，或把它们放进同一个 activation-group（只有一条会执行）",
                        id + " is scored by several rules: " + String.join(", ", names) + "; keep one, or put them in one"
                                + " activation-group (only one of them fires)"));
            }
        });
        verdicts(files, catalogue, positions, errors);
        sums(catalogue, positions, errors);
        List<Problem> warnings = new ArrayList<>();
        for (String name : parameters.all().keySet()) {
            if (!parametersRead.contains(name)) {
                warnings.add(new Problem(positions.position(CatalogueReader.PARAMETERS, child("", name)), "UNUSED_PARAMETER",
                        "参数 " + name + " 没有被任何规则使用；请删去它，或在规则中用 params 读取它",
                        "no rule reads the parameter " + name + "; remove it, or read it in a rule through params"));
            }
        }
        return new Findings(errors, warnings);
    }

    /**
     * Each verdict a rule decides is one of {@code verdicts} ({@code UNKNOWN_VERDICT}), and each
     * level is decided by some rule ({@code NO_RULE}).
     */
    private static void verdicts(PackFiles files, PackCatalogue catalogue, CatalogueReader positions,
                                 List<Problem> errors) {
        Set<String> decided = new HashSet<>();
        for (String path : files.ruleFiles()) {
            String[] lines = files.text(path).orElse("").split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                Matcher d = DECIDE.matcher(lines[n]);
                while (!lines[n].strip().startsWith("//") && d.find()) {
                    decided.add(d.group(1));
                    if (catalogue.verdict(d.group(1)).isEmpty()) {
                        errors.add(new Problem(path + ":" + (n + 1), "UNKNOWN_VERDICT",
                                "结论 " + d.group(1) + " 不在 pack.yaml 的 verdicts 中（有：" + codes(catalogue, "、")
                                        + "）；请检查拼写，或在 verdicts 中加上它",
                                "the verdict " + d.group(1) + " is not in pack.yaml's verdicts (" + codes(catalogue, ", ")
                                        + "); check the spelling, or add it to verdicts"));
                    }
                }
            }
        }
        for (int i = 0; i < catalogue.verdicts().size(); i++) {
            String code = catalogue.verdicts().get(i).code();
            if (!decided.contains(code)) {
                errors.add(new Problem(positions.position(CatalogueReader.CATALOGUE, "/verdicts/" + i), "NO_RULE",
                        "结论 " + code + " 在 verdicts 中，但没有规则给出它；请在 rules/verdict.drl 中写一条 $t.decide( \""
                                + code + "\" ) 的规则，或从 verdicts 中删去它",
                        "the verdict " + code + " is in verdicts but no rule decides it; write a rule calling $t.decide( \""
                                + code + "\" ) in rules/verdict.drl, or take it out of verdicts"));
            }
        }
    }

    private static String codes(PackCatalogue catalogue, String joiner) {
        return String.join(joiner, catalogue.verdicts().stream().map(v -> v.code()).toList());
    }

    private static boolean oneGroup(List<Handler> rules) {
        String group = rules.get(0).group();
        return group != null && rules.stream().allMatch(r -> group.equals(r.group()));
    }

    private static void scan(String path, String text, PackCatalogue catalogue, Map<String, List<Handler>> handledBy,
                             Set<String> parametersRead, List<Problem> problems) {
        Set<String> known = items(catalogue).keySet();
        String[] lines = text.split("\n", -1);
        String rule = null;
        String group = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.strip().startsWith("//")) {
                continue;
            }
            Matcher r = RULE.matcher(line);
            if (r.find()) {
                rule = r.group(1) != null ? r.group(1) : r.group(2);
                group = null;
            }
            Matcher g = GROUP.matcher(line);
            if (g.find()) {
                group = g.group(1);
            }
            Matcher item = ITEM.matcher(line);
            while (item.find()) {
                String id = item.group(2);
                if (!known.contains(id)) {
                    problems.add(new Problem(path + ":" + (n + 1), "UNKNOWN_ITEM",
                            "规则 \"" + rule + "\" 计算的 " + id + " 不在目录（pack.yaml）中；请改为目录中的编号，或在 pack.yaml 中加入 " + id,
                            "rule \"" + rule + "\" scores " + id + ", which is not in the catalogue (pack.yaml); write an id"
                                    + " of the catalogue, or add " + id + " to pack.yaml"));
                } else {
                    handledBy.computeIfAbsent(id, k -> new ArrayList<>()).add(new Handler(rule == null ? path : rule, group));
                }
            }
            Matcher p = PARAMETER.matcher(line);
            while (p.find()) {
                parametersRead.add(p.group(1));
            }
        }
    }

    private static void sums(PackCatalogue catalogue, CatalogueReader positions, List<Problem> problems) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < catalogue.tasks().size(); i++) {
            TaskSpec task = catalogue.tasks().get(i);
            total = total.add(task.max());
            BigDecimal indicators = task.indicators().stream().map(IndicatorSpec::max)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (indicators.compareTo(task.max()) != 0) {
                problems.add(new Problem(positions.position(CatalogueReader.CATALOGUE, "/tasks/" + i), "TASK_SUM",
                        "任务 " + task.id() + " 的指标分值合计 " + plain(indicators) + "，与任务满分 " + plain(task.max())
                                + " 不符；请改正指标或任务的 max，使二者相等",
                        "the indicators of " + task.id() + " add up to " + plain(indicators) + ", not its maximum "
                                + plain(task.max()) + "; correct an indicator's or the task's max so that they agree"));
            }
        }
        if (catalogue.baseMax() != null && total.compareTo(catalogue.baseMax()) != 0) {
            problems.add(new Problem(positions.position(CatalogueReader.CATALOGUE, "/baseMax"), "BASE_SUM",
                    "各任务满分合计 " + plain(total) + "，与基础分满分 " + plain(catalogue.baseMax())
                            + " 不符；请改正 baseMax 或任务的 max，使二者相等",
                    "the task maxima add up to " + plain(total) + ", not the base maximum " + plain(catalogue.baseMax())
                            + "; correct baseMax or a task's max so that they agree"));
        }
    }

    /** Every indicator, bonus item and veto of the catalogue, with its place in pack.yaml (a JSON pointer). */
    private static Map<String, String> items(PackCatalogue catalogue) {
        Map<String, String> items = new LinkedHashMap<>();
        for (int i = 0; i < catalogue.tasks().size(); i++) {
            List<IndicatorSpec> indicators = catalogue.tasks().get(i).indicators();
            for (int j = 0; j < indicators.size(); j++) {
                items.putIfAbsent(indicators.get(j).id(), "/tasks/" + i + "/indicators/" + j);
            }
        }
        for (int k = 0; k < catalogue.bonus().size(); k++) {
            items.putIfAbsent(catalogue.bonus().get(k).id(), "/bonus/" + k);
        }
        for (int k = 0; k < catalogue.vetoes().size(); k++) {
            items.putIfAbsent(catalogue.vetoes().get(k).id(), "/vetoes/" + k);
        }
        return items;
    }

    private static Set<String> countingParameters(PackCatalogue catalogue) {
        Set<String> names = new HashSet<>();
        CountingSpec c = catalogue.counting();
        names.add(c.evidenceYearsBack());
        names.add(c.incidentMonthsBack());
        names.addAll(c.evidenceYearsBackByKey().values());
        c.surveys().forEach(s -> names.add(s.minimumParameter()));
        catalogue.keys().values().stream().filter(k -> k.perResidents() != null).forEach(k -> names.add(k.perResidents()));
        return names;
    }

    /** {@code pointer/name}, the name escaped as a JSON pointer step. */
    private static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
