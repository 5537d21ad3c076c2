package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.internal.pack.PackFiles;

/**
 * Which parameters each rule reads, found by scanning the text of the pack's DRL files once at
 * load: a rule runs from {@code rule "NAME"} to {@code end}, and names its parameters as
 * {@code params.number("x")}, {@code params.bands("x")} or {@code params.texts("x")}. Comment lines
 * are skipped. The map is immutable; names keep the order of their first mention.
 */
public final class RuleParameters {

    private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]++|\\\\.)*+)\"");
    private static final Pattern END = Pattern.compile("^\\s*end\\s*(//.*)?$");

    private RuleParameters() {
    }

    /** Rule name → the parameter names its text reads, over every {@code .drl} file of the pack. */
    public static Map<String, List<String>> scan(PackFiles files) {
        Map<String, List<String>> byRule = new LinkedHashMap<>();
        files.ruleFiles().forEach(path -> scan(files.text(path).orElse(""), byRule));
        return Collections.unmodifiableMap(byRule);
    }

    /** Scans the text of one DRL file into {@code byRule}. */
    static void scan(String drl, Map<String, List<String>> byRule) {
        String rule = null;
        Set<String> names = new LinkedHashSet<>();
        for (String line : drl.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("//")) {
                continue;
            }
            if (rule == null) {
                Matcher m = RULE.matcher(line);
                if (m.find()) {
                    rule = m.group(1);
                    names = new LinkedHashSet<>();
                    line = line.substring(m.end());
                } else {
                    continue;
                }
            }
            Matcher p = RuleFileCheck.PARAMETER.matcher(line);
            while (p.find()) {
                names.add(p.group(2));
            }
            if (END.matcher(line).find()) {
                byRule.put(rule, List.copyOf(new ArrayList<>(names)));
                rule = null;
            }
        }
        if (rule != null) {
            byRule.put(rule, List.copyOf(names));
        }
    }
}
