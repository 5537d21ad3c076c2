package org.safecounty.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.pack.CountingSpec;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.RuleCode;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.result.Problem;

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

    /** The fact types whose patterns score an item: each must name its item as {@code id == "…"}. */
    private static final Set<String> ITEM_TYPES = Set.of("Indicator", "BonusItem", "Veto");
    private static final Pattern NAMED = Pattern.compile("^\\s*id\\s*==\\s*\"([^\"]*)\"\\s*$");
    /** A call of decide, in the text with comments blanked and string contents masked; group 1 a literal argument. */
    private static final Pattern DECIDE = Pattern.compile("\\.\\s*decide\\s*\\(\\s*(\"[^\"\\n]*\")?(\\s*\\))?");
    private static final Pattern PARAMETER = Pattern.compile(
            "\\bparams\\s*\\.\\s*(?:number|bands|texts|has)\\s*\\(\\s*(\"[^\"\\n]*\")");

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
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        files.ruleFiles().forEach(path -> scan(path, files.text(path).orElse(""), catalogue, handledBy, groups,
                parametersRead, errors));
        groups.forEach((group, members) -> {
            if (members.size() > 1) {
                String what = String.join("、", members.keySet());
                errors.add(new Problem(members.values().iterator().next(), "GROUP_SPANS_ITEMS",
                        "activation-group \"" + group + "\" 中的规则计算的是不同的项目（" + what + "）：同组只有一条规则会执行，"
                                + "其余项目就没有规则计算；请让每个项目用自己的组",
                        "the rules of activation-group \"" + group + "\" score different things (" + String.join(", ",
                                members.keySet()) + "): only one rule of a group fires, leaving the others unscored;"
                                + " give each item a group of its own"));
            }
        });
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
     * Each verdict a rule decides is one of {@code verdicts} and written out as a string
     * ({@code UNKNOWN_VERDICT}), and each level is decided by some rule ({@code NO_RULE}). Read in
     * the rule text without its comments: a decision in a comment decides nothing.
     */
    private static void verdicts(PackFiles files, PackCatalogue catalogue, CatalogueReader positions,
                                 List<Problem> errors) {
        Set<String> decided = new HashSet<>();
        for (String path : files.ruleFiles()) {
            RuleCode code = RuleCode.of(files.text(path).orElse(""));
            Matcher d = DECIDE.matcher(code.masked());
            while (d.find()) {
                String at = path + ":" + code.line(d.start());
                if (d.group(1) == null || d.group(2) == null) {
                    String example = catalogue.verdicts().isEmpty() ? "PASS" : catalogue.verdicts().get(0).code();
                    errors.add(new Problem(at, "UNKNOWN_VERDICT",
                            "结论须直接写出代码，如 $t.decide( \"" + example + "\" )：加载时据此检查它是否在 verdicts 中（有："
                                    + codes(catalogue, "、") + "）",
                            "a verdict is decided with its code written out, e.g. $t.decide( \"" + example + "\" ): that is"
                                    + " how loading checks it is one of verdicts (" + codes(catalogue, ", ") + ")"));
                    continue;
                }
                String verdict = code.literal(d.start(1));
                decided.add(verdict);
                if (catalogue.verdict(verdict).isEmpty()) {
                    errors.add(new Problem(at, "UNKNOWN_VERDICT",
                            "结论 " + verdict + " 不在 pack.yaml 的 verdicts 中（有：" + codes(catalogue, "、")
                                    + "）；请检查拼写，或在 verdicts 中加上它",
                            "the verdict " + verdict + " is not in pack.yaml's verdicts (" + codes(catalogue, ", ")
                                    + "); check the spelling, or add it to verdicts"));
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

    /**
     * The items each rule of one file scores, read from the file as Drools parses it (rule names,
     * activation groups and patterns are the engine's, not lines that look like them), and the
     * parameters it reads. A pattern over {@code Indicator}, {@code BonusItem} or {@code Veto} must
     * name its one item as a constraint {@code id == "…"}: any other way of matching ({@code "T1.2" ==
     * id}, {@code task == "T1"}, {@code id == "a" || id == "b"}, no constraint) would score items
     * that this check cannot see ({@code ITEM_NOT_NAMED}).
     */
    private static void scan(String path, String text, PackCatalogue catalogue, Map<String, List<Handler>> handledBy,
                             Map<String, Map<String, String>> groups, Set<String> parametersRead,
                             List<Problem> problems) {
        Set<String> known = items(catalogue).keySet();
        RuleCode code = RuleCode.of(text);
        Matcher p = PARAMETER.matcher(code.masked());
        while (p.find()) {
            parametersRead.add(code.literal(p.start(1)));
        }
        PackageDescr pkg;
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException e) {
            return; // the verifier, which ran before, names what cannot be parsed
        }
        if (pkg == null || parser.hasErrors()) {
            return;
        }
        for (RuleDescr rule : pkg.getRules()) {
            AttributeDescr groupAttribute = rule.getAttributes().get("activation-group");
            String group = groupAttribute == null ? null : groupAttribute.getValue();
            for (BaseDescr d : rule.getLhs() == null ? List.<BaseDescr>of() : rule.getLhs().getDescrs()) {
                if (d instanceof PatternDescr pattern && group != null && !ITEM_TYPES.contains(pattern.getObjectType())) {
                    // a group of rules over the Tally (the verdict's) is one member
                    groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(pattern.getObjectType(),
                            path + ":" + (pattern.getLine() > 0 ? pattern.getLine() : rule.getLine()));
                }
                if (!(d instanceof PatternDescr pattern) || !ITEM_TYPES.contains(pattern.getObjectType())) {
                    continue;
                }
                int line = pattern.getLine() > 0 ? pattern.getLine() : rule.getLine();
                Set<String> ids = new java.util.LinkedHashSet<>();
                for (BaseDescr c : pattern.getDescrs()) {
                    if (c instanceof ExprConstraintDescr e) {
                        Matcher named = NAMED.matcher(RuleCode.of(e.getExpression()).blanked());
                        if (named.matches()) {
                            ids.add(named.group(1));
                        }
                    }
                }
                if (ids.size() != 1) {
                    String type = pattern.getObjectType();
                    problems.add(new Problem(path + ":" + line, "ITEM_NOT_NAMED",
                            "规则 \"" + rule.getName() + "\" 匹配的 " + type + " 没有用 id == \"编号\" 写明唯一的一项；请写成 $i : "
                                    + type + "( id == \"编号\", … )，一条规则只计算一项（否则加载时无法检查每项恰由一条规则计算）",
                            "rule \"" + rule.getName() + "\" matches " + type + " without naming its one item as id == \"…\";"
                                    + " write $i : " + type + "( id == \"…\", … ): a rule scores one item (or loading cannot"
                                    + " check that each item is scored by exactly one rule)"));
                    continue;
                }
                String id = ids.iterator().next();
                if (!known.contains(id)) {
                    problems.add(new Problem(path + ":" + line, "UNKNOWN_ITEM",
                            "规则 \"" + rule.getName() + "\" 计算的 " + id + " 不在目录（pack.yaml）中；请改为目录中的编号，或在 pack.yaml 中加入 " + id,
                            "rule \"" + rule.getName() + "\" scores " + id + ", which is not in the catalogue (pack.yaml); write an id"
                                    + " of the catalogue, or add " + id + " to pack.yaml"));
                } else {
                    handledBy.computeIfAbsent(id, k -> new ArrayList<>()).add(new Handler(rule.getName(), group));
                }
                if (group != null) {
                    groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).putIfAbsent(id, path + ":" + line);
                }
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
