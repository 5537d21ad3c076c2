package org.safecounty.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.facts.Parameters;
import org.safecounty.pack.PackCatalogue;
import org.safecounty.pack.PackFiles;
import org.safecounty.validation.Problem;
import org.safecounty.validation.Spelling;

/**
 * Checks what the compiler cannot: that every parameter a rule names exists in
 * {@code parameters.yaml} with the right kind, and every key a rule reads is in the key catalogue.
 * Problems name the file and line.
 */
public final class RuleFileCheck {

    static final Pattern PARAMETER = Pattern.compile("params\\.(number|bands|texts)\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern KEY = Pattern.compile("\\.(value|flag)\\(\\s*\"([^\"]*)\"\\s*\\)");

    public List<Problem> check(PackFiles files, PackCatalogue catalogue, Parameters parameters) {
        List<Problem> problems = new ArrayList<>();
        files.ruleFiles().forEach(path -> {
            String[] lines = files.text(path).orElse("").split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                checkLine(path + ":" + (n + 1), lines[n], catalogue, parameters, problems);
            }
        });
        return problems;
    }

    private static void checkLine(String where, String line, PackCatalogue catalogue, Parameters parameters,
                                  List<Problem> problems) {
        if (line.strip().startsWith("//")) {
            return;
        }
        Matcher p = PARAMETER.matcher(line);
        while (p.find()) {
            String kind = p.group(1);
            String name = p.group(2);
            if (!parameters.has(name)) {
                String near = Spelling.nearest(name, parameters.all().keySet().stream()
                        .filter(n -> hasKind(parameters, n, kind)).toList());
                problems.add(new Problem(where, "UNKNOWN_PARAMETER", "parameters.yaml 中没有参数 " + name + "；请检查拼写"
                                + (near == null ? "" : "（是否应为 " + near + "？）") + "，或在 parameters.yaml 中加入它",
                        "parameters.yaml has no parameter " + name + "; check the spelling"
                                + (near == null ? "" : " (" + near + "?)") + ", or add it to parameters.yaml"));
            } else if (!hasKind(parameters, name, kind)) {
                problems.add(new Problem(where, "PARAMETER_KIND", "参数 " + name + " 的类型与 params." + kind + " 不符",
                        "parameter " + name + " is not of the kind params." + kind + " reads"));
            }
        }
        Matcher k = KEY.matcher(line);
        while (k.find()) {
            String key = k.group(2);
            if (catalogue.key(key).isEmpty()) {
                String near = Spelling.nearest(key, catalogue.keys().keySet());
                problems.add(new Problem(where, "UNKNOWN_KEY", "证据键目录中没有 " + key + "；请检查拼写"
                                + (near == null ? "" : "（是否应为 " + near + "？）") + "，或在 pack.yaml 的 keys 中加入它",
                        "the key catalogue has no key " + key + "; check the spelling"
                                + (near == null ? "" : " (" + near + "?)") + ", or add it to the keys of pack.yaml"));
            }
        }
    }

    private static boolean hasKind(Parameters parameters, String name, String kind) {
        var p = parameters.all().get(name);
        return switch (kind) {
            case "number" -> p.number() != null;
            case "bands" -> p.bands() != null;
            default -> p.texts() != null;
        };
    }
}
