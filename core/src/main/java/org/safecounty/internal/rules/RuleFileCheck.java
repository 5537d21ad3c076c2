package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.RuleCode;
import org.safecounty.internal.validation.Spelling;
import org.safecounty.result.Problem;

/**
 * Checks what the compiler cannot: that every parameter a rule names exists in
 * {@code parameters.yaml} with the right kind, and every key a rule reads is in the key catalogue.
 * Problems name the file and line.
 */
public final class RuleFileCheck {

    static final Pattern PARAMETER = Pattern.compile("params\\.(number|bands|texts)\\(\\s*\"([^\"]*)\"\\s*\\)");

    /** A call that names a parameter, in the masked text; group 2 its name written out (with the bracket closing). */
    private static final Pattern PARAMETER_CALL = Pattern.compile(
            "\\bparams\\s*\\.\\s*(number|bands|texts)\\s*\\(\\s*(\"[^\"\\n]*\"\\s*\\))?");
    /** A call that reads a key, in the masked text; group 2 the key written out (with the bracket closing). */
    private static final Pattern KEY_CALL = Pattern.compile(
            "(?<![\\w$])(value|flag)\\s*\\(\\s*(\"[^\"\\n]*\"\\s*\\))?");

    /**
     * Every parameter and key named in the rules, read from the code only (a comment that names
     * one is not checked; a call split over lines or with spaces is), each written out as a string:
     * a name held in a variable could not be checked before the pack is used.
     */
    public List<Problem> check(PackFiles files, PackCatalogue catalogue, Parameters parameters) {
        List<Problem> problems = new ArrayList<>();
        files.ruleFiles().forEach(path -> {
            RuleCode code = RuleCode.of(files.text(path).orElse(""));
            Matcher p = PARAMETER_CALL.matcher(code.masked());
            while (p.find()) {
                String where = path + ":" + code.line(p.start());
                if (p.group(2) == null) {
                    problems.add(new Problem(where, "UNKNOWN_PARAMETER", "参数名须直接写出，如 params." + p.group(1)
                            + "(\"pass_line\")：加载时据此检查它在 parameters.yaml 中", "a parameter is named written out,"
                            + " e.g. params." + p.group(1) + "(\"pass_line\"): that is how loading checks it is in"
                            + " parameters.yaml"));
                } else {
                    checkParameter(where, p.group(1), code.literal(p.start(2)), parameters, problems);
                }
            }
            Matcher k = KEY_CALL.matcher(code.masked());
            while (k.find()) {
                String where = path + ":" + code.line(k.start());
                if (k.group(2) == null) {
                    problems.add(new Problem(where, "UNKNOWN_KEY", "证据键须直接写出，如 $i." + k.group(1)
                            + "(\"org.plan\")：加载时据此检查它在 pack.yaml 的 keys 中", "a key is named written out, e.g. $i."
                            + k.group(1) + "(\"org.plan\"): that is how loading checks it is in the keys of pack.yaml"));
                } else {
                    checkKey(where, code.literal(k.start(2)), catalogue, problems);
                }
            }
        });
        return problems;
    }

    private static void checkParameter(String where, String kind, String name, Parameters parameters,
                                       List<Problem> problems) {
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

    private static void checkKey(String where, String key, PackCatalogue catalogue, List<Problem> problems) {
        if (catalogue.key(key).isEmpty()) {
            String near = Spelling.nearest(key, catalogue.keys().keySet());
            problems.add(new Problem(where, "UNKNOWN_KEY", "证据键目录中没有 " + key + "；请检查拼写"
                            + (near == null ? "" : "（是否应为 " + near + "？）") + "，或在 pack.yaml 的 keys 中加入它",
                    "the key catalogue has no key " + key + "; check the spelling"
                            + (near == null ? "" : " (" + near + "?)") + ", or add it to the keys of pack.yaml"));
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
