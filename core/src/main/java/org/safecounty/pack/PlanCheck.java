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
 * Checks that the rules and the catalogue describe the same plan, beyond what compiling shows:
 * every indicator, bonus item and veto of the catalogue is handled by exactly one rule and every
 * such rule names an item of the catalogue; the task maxima add up to the pack's base maximum and
 * each task's indicators add up to its maximum; every parameter is read by a rule or by the
 * counting section. Problems name the file and line.
 */
public final class PlanCheck {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private static final Pattern ITEM = Pattern.compile("\\b(Indicator|BonusItem|Veto)\\s*\\(\\s*id\\s*==\\s*\"([^\"]*)\"");
    private static final Pattern DECIDE = Pattern.compile("\\.decide\\(\\s*\"([^\"]*)\"");
    private static final Pattern PARAMETER = Pattern.compile("params\\.(?:number|bands|texts)\\(\\s*\"([^\"]*)\"");

    public List<Problem> check(PackFiles files, PackCatalogue catalogue, Parameters parameters) {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<String>> handledBy = new LinkedHashMap<>();
        Set<String> parametersRead = new HashSet<>(countingParameters(catalogue));
        Set<String> decided = new HashSet<>();
        files.ruleFiles().forEach(path -> scan(path, files.text(path).orElse(""), catalogue, handledBy,
                parametersRead, problems));
        files.ruleFiles().forEach(path -> verdicts(path, files.text(path).orElse(""), catalogue, decided, problems));
        String packYaml = files.text(CatalogueReader.CATALOGUE).orElse("");
        for (var level : catalogue.verdicts()) {
            if (!decided.contains(level.code())) {
                problems.add(new Problem(at(packYaml, CatalogueReader.CATALOGUE, "id: " + level.code()), "NO_RULE",
                        "结论 " + level.code() + " 在 verdicts 中，但没有规则给出它（$t.decide( \"" + level.code() + "\" )）",
                        "the verdict " + level.code() + " is in verdicts but no rule decides it ($t.decide( \""
                                + level.code() + "\" ))"));
            }
        }
        for (String id : catalogueItems(catalogue)) {
            List<String> rules = handledBy.getOrDefault(id, List.of());
            if (rules.isEmpty()) {
                problems.add(new Problem(at(packYaml, CatalogueReader.CATALOGUE, "id: " + id), "NO_RULE",
                        id + " 在目录中，但没有规则计算它", id + " is in the catalogue but no rule scores it"));
            } else if (rules.size() > 1) {
                problems.add(new Problem(at(packYaml, CatalogueReader.CATALOGUE, "id: " + id), "SEVERAL_RULES",
                        id + " 由多条规则计算：" + String.join("、", rules),
                        id + " is scored by several rules: " + String.join(", ", rules)));
            }
        }
        sums(catalogue, packYaml, problems);
        String parametersYaml = files.text(CatalogueReader.PARAMETERS).orElse("");
        for (String name : parameters.all().keySet()) {
            if (!parametersRead.contains(name)) {
                problems.add(new Problem(at(parametersYaml, CatalogueReader.PARAMETERS, name + ":"), "UNUSED_PARAMETER",
                        "参数 " + name + " 没有被任何规则使用", "no rule reads the parameter " + name));
            }
        }
        return problems;
    }

    private static void scan(String path, String text, PackCatalogue catalogue, Map<String, List<String>> handledBy,
                             Set<String> parametersRead, List<Problem> problems) {
        Set<String> known = new HashSet<>(catalogueItems(catalogue));
        String[] lines = text.split("\n", -1);
        String rule = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.strip().startsWith("//")) {
                continue;
            }
            Matcher r = RULE.matcher(line);
            if (r.find()) {
                rule = r.group(1);
            }
            Matcher item = ITEM.matcher(line);
            while (item.find()) {
                String id = item.group(2);
                if (!known.contains(id)) {
                    problems.add(new Problem(path + ":" + (n + 1), "UNKNOWN_ITEM",
                            "规则 \"" + rule + "\" 计算的 " + id + " 不在目录（pack.yaml）中",
                            "rule \"" + rule + "\" scores " + id + ", which is not in the catalogue (pack.yaml)"));
                } else {
                    handledBy.computeIfAbsent(id, k -> new ArrayList<>()).add(rule == null ? path : rule);
                }
            }
            Matcher p = PARAMETER.matcher(line);
            while (p.find()) {
                parametersRead.add(p.group(1));
            }
        }
    }

    /** Each verdict a rule decides is a level of {@code verdicts}; collects the levels decided. */
    private static void verdicts(String path, String text, PackCatalogue catalogue, Set<String> decided,
                                 List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].strip().startsWith("//")) {
                continue;
            }
            Matcher d = DECIDE.matcher(lines[n]);
            while (d.find()) {
                String code = d.group(1);
                decided.add(code);
                if (catalogue.verdict(code).isEmpty()) {
                    problems.add(new Problem(path + ":" + (n + 1), "UNKNOWN_VERDICT",
                            "结论 " + code + " 不在 pack.yaml 的 verdicts 中（有：" + codes(catalogue, "、")
                                    + "）：请检查拼写，或在 verdicts 中加上它",
                            "the verdict " + code + " is not in pack.yaml's verdicts (" + codes(catalogue, ", ")
                                    + "): check the spelling, or add it to verdicts"));
                }
            }
        }
    }

    private static String codes(PackCatalogue catalogue, String joiner) {
        return String.join(joiner, catalogue.verdicts().stream().map(v -> v.code()).toList());
    }

    private static void sums(PackCatalogue catalogue, String packYaml, List<Problem> problems) {
        BigDecimal total = BigDecimal.ZERO;
        for (TaskSpec task : catalogue.tasks()) {
            total = total.add(task.max());
            BigDecimal indicators = task.indicators().stream().map(IndicatorSpec::max)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (indicators.compareTo(task.max()) != 0) {
                problems.add(new Problem(at(packYaml, CatalogueReader.CATALOGUE, "id: " + task.id()), "TASK_SUM",
                        "任务 " + task.id() + " 的指标分值合计 " + plain(indicators) + "，与任务满分 " + plain(task.max()) + " 不符",
                        "the indicators of " + task.id() + " add up to " + plain(indicators) + ", not its maximum "
                                + plain(task.max())));
            }
        }
        if (catalogue.baseMax() != null && total.compareTo(catalogue.baseMax()) != 0) {
            problems.add(new Problem(at(packYaml, CatalogueReader.CATALOGUE, "baseMax:"), "BASE_SUM",
                    "各任务满分合计 " + plain(total) + "，与基础分满分 " + plain(catalogue.baseMax()) + " 不符",
                    "the task maxima add up to " + plain(total) + ", not the base maximum " + plain(catalogue.baseMax())));
        }
    }

    private static List<String> catalogueItems(PackCatalogue catalogue) {
        List<String> ids = new ArrayList<>(catalogue.indicators().map(IndicatorSpec::id).toList());
        catalogue.bonus().forEach(b -> ids.add(b.id()));
        catalogue.vetoes().forEach(v -> ids.add(v.id()));
        return ids;
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

    /** {@code file:line} of the first line containing the text (after a list dash or spaces), or the file. */
    static String at(String text, String file, String needle) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            int i = line.indexOf(needle);
            if (i >= 0 && (needle.endsWith(":") || i + needle.length() == line.length()
                    || !Character.isLetterOrDigit(line.charAt(i + needle.length()))
                    && line.charAt(i + needle.length()) != '.')) {
                return file + ":" + (n + 1);
            }
        }
        return file;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
