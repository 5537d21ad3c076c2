package org.safecounty.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.pack.PackFiles;
import org.safecounty.validation.Problem;

/**
 * Reads rule files before they are compiled and refuses what reaches outside the rule vocabulary:
 * imports, globals and fully qualified names of classes not on the {@link RuleAllowList}, class
 * names that are neither imported nor allowed, reflection and process members ({@code getClass},
 * {@code forName}, {@code exit}, …), functions, type declarations, {@code eval} and the MVEL dialect.
 * Each problem names the file, the line and what was refused.
 */
public final class RuleSourceCheck {

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.$*]+)\\s*;?");
    private static final Pattern GLOBAL = Pattern.compile("^\\s*global\\s+([\\w.$]+)\\s+\\w+");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])((?:[a-z_][a-z0-9_]*\\.)+[A-Z][\\w$]*)");
    private static final Pattern TYPE_NAME = Pattern.compile("(?<![\\w.$])([A-Z][\\w$]*)");
    private static final Pattern MEMBER = Pattern.compile("\\.\\s*(\\w+)");
    private static final Pattern KEYWORD = Pattern.compile("^\\s*(function|declare|query|unit)\\b|\\beval\\s*\\(");
    private static final Pattern MVEL = Pattern.compile("\\bdialect\\s+\"mvel\"");
    private static final Set<String> FORBIDDEN_MEMBERS = Set.of("getClass", "getClassLoader", "forName", "newInstance",
            "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor",
            "getMethod", "getMethods", "getField", "getConstructor", "invoke", "setAccessible", "exec", "exit", "halt",
            "getRuntime", "loadClass", "defineClass", "class", "wait", "notify", "notifyAll", "start", "getenv",
            "getProperty", "setProperty", "load", "loadLibrary");

    public List<Problem> check(PackFiles files) {
        List<Problem> problems = new ArrayList<>();
        files.paths(".drl").forEach(path -> check(path, files.text(path).orElse(""), problems));
        return problems;
    }

    private static void check(String path, String source, List<Problem> problems) {
        String[] raw = source.split("\n", -1);
        String[] code = codeOnly(source).split("\n", -1);
        Set<String> imported = new HashSet<>(RuleAllowList.implicitSimpleNames());
        for (String line : code) {
            Matcher m = IMPORT.matcher(line);
            if (m.find() && m.group(1) == null && !m.group(2).endsWith(".*") && RuleAllowList.mayName(m.group(2))) {
                imported.add(m.group(2).substring(m.group(2).lastIndexOf('.') + 1));
            } else if (m.find(0) && m.group(1) == null && allowedImport(m.group(2))) {
                imported.addAll(existingClasses(m.group(2), code));
            }
        }
        for (int n = 0; n < code.length; n++) {
            String where = path + ":" + (n + 1);
            if (MVEL.matcher(raw[n]).find()) {
                refuse(problems, where, "dialect \"mvel\"", "MVEL 方言", "the MVEL dialect");
            }
            checkLine(where, code[n], imported, problems);
        }
    }

    private static void checkLine(String where, String line, Set<String> imported, List<Problem> problems) {
        Matcher keyword = KEYWORD.matcher(line);
        if (keyword.find()) {
            String word = keyword.group(1) == null ? "eval" : keyword.group(1);
            refuse(problems, where, word, word, word);
        }
        Matcher imp = IMPORT.matcher(line);
        if (imp.find()) {
            String name = imp.group(2);
            if (imp.group(1) != null || !allowedImport(name)) {
                refuse(problems, where, name, "类 " + name, "the class " + name);
            }
            return;
        }
        Matcher global = GLOBAL.matcher(line);
        if (global.find() && !RuleAllowList.mayName(global.group(1)) && !imported.contains(global.group(1))) {
            refuse(problems, where, global.group(1), "类 " + global.group(1), "the class " + global.group(1));
        }
        Matcher qualified = QUALIFIED.matcher(line);
        while (qualified.find()) {
            if (!RuleAllowList.mayName(qualified.group(1))) {
                refuse(problems, where, qualified.group(1), "类 " + qualified.group(1), "the class " + qualified.group(1));
            }
        }
        String unqualified = QUALIFIED.matcher(line).replaceAll(" ");
        Matcher type = TYPE_NAME.matcher(unqualified);
        while (type.find()) {
            if (!imported.contains(type.group(1))) {
                refuse(problems, where, type.group(1), "类 " + type.group(1), "the class " + type.group(1));
            }
        }
        Matcher member = MEMBER.matcher(line);
        while (member.find()) {
            if (FORBIDDEN_MEMBERS.contains(member.group(1))) {
                refuse(problems, where, member.group(1), "成员 " + member.group(1), "the member " + member.group(1));
            }
        }
    }

    /** For {@code import org.safecounty.facts.*}: the capitalised names used that exist in that package. */
    private static Set<String> existingClasses(String wildcard, String[] code) {
        String pkg = wildcard.substring(0, wildcard.length() - 1);
        Set<String> found = new HashSet<>();
        for (String line : code) {
            Matcher type = TYPE_NAME.matcher(line);
            while (type.find()) {
                try {
                    Class.forName(pkg + type.group(1), false, RuleSourceCheck.class.getClassLoader());
                    found.add(type.group(1));
                } catch (ClassNotFoundException | LinkageError e) {
                    // not a class of that package: the name stays unknown
                }
            }
        }
        return found;
    }

    private static boolean allowedImport(String name) {
        if (name.endsWith(".*")) {
            String pkg = name.substring(0, name.length() - 1);
            return RuleAllowList.RULE_PACKAGES.contains(pkg);
        }
        return RuleAllowList.mayName(name);
    }

    private static void refuse(List<Problem> problems, String where, String what, String zh, String en) {
        problems.add(new Problem(where, "SANDBOX", "规则包不能使用" + zh + "：规则只能使用事实类型和允许的 Java 类（见 docs/security.md）",
                "rule packs may not use " + en + ": rules may use only the fact types and allowed Java classes"
                        + " (see docs/security.md)"));
    }

    /** The source with comments and string and character literals blanked, keeping every line. */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
