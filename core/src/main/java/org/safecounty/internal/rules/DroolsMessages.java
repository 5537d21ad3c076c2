package org.safecounty.internal.rules;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' compile messages in words policy staff can act on, Chinese and English, with a hint of
 * the fix; the original message is kept after them for developers. Where Drools names only the
 * rule's first line, the line of the offending word is found when the message names it.
 */
final class DroolsMessages {

    /** A message put in plain words, and the word to look for to find its line (or null). */
    record Plain(String zh, String en, String word) {
    }

    private record Translation(Pattern pattern, String zh, String en, int wordGroup) {
    }

    private static final List<Translation> TRANSLATIONS = List.of(
            new Translation(Pattern.compile("Syntax error, insert \"([^\"]+)\" to complete"),
                    "语法错误：缺少“$1”，请检查括号或分号是否成对", "syntax error: a \"$1\" is missing; check that brackets and semicolons pair up", 0),
            new Translation(Pattern.compile("The method (\\w+)\\([^)]*\\) is undefined for the type (\\w+)"),
                    "$2 没有方法 $1：请检查拼写，规则可用的写法见《规则编写指南》第 5 节",
                    "$2 has no method $1: check the spelling; the rule vocabulary is in section 5 of docs/rule-authoring.md", 1),
            new Translation(Pattern.compile("Type mismatch: cannot convert from ([\\w.<>]+) to ([\\w.<>]+)"),
                    "类型不符：$1 不能当作 $2 使用（计分得到的是分数 BigDecimal，读取得到的是读数 Reading）",
                    "wrong type: a $1 cannot be used as a $2 (scoring gives points, a BigDecimal; reading gives a Reading)", 0),
            new Translation(Pattern.compile("unable to resolve method using strict-mode: [\\w.]*\\.(\\w+)\\.(\\w+)\\(\\)"),
                    "$1 没有字段 $2：请检查字段名，例如 Indicator( id == \"…\" )",
                    "$1 has no field $2: check the field name, e.g. Indicator( id == \"…\" )", 2),
            new Translation(Pattern.compile("(\\$?\\w+) cannot be resolved(?! to a type)"),
                    "$1 未定义：请检查名称，规则中绑定的变量以 $ 开头，例如 $i",
                    "$1 is not defined: check the name; variables bound in a rule start with $, e.g. $i", 1),
            new Translation(Pattern.compile("no viable alternative at input '([^']*)'"),
                    "语法错误：在“$1”处无法理解，请检查它前面是否缺少值、括号或引号",
                    "syntax error: cannot make sense of \"$1\"; check for a missing value, bracket or quote before it", 0),
            new Translation(Pattern.compile("mismatched input '([^']*)' expecting ([^\\n]+)"),
                    "语法错误：“$1”处应为 $2", "syntax error: $2 is expected at \"$1\"", 0),
            new Translation(Pattern.compile("extraneous input '([^']*)'"),
                    "语法错误：多余的“$1”", "syntax error: an extra \"$1\"", 0),
            new Translation(Pattern.compile("missing '([^']*)'"),
                    "语法错误：缺少“$1”", "syntax error: a \"$1\" is missing", 0),
            new Translation(Pattern.compile("Unable to resolve ObjectType '(\\w+)'"),
                    "未知的事实类型 $1：请检查拼写，并用 import 引入", "unknown fact type $1: check the spelling and import it", 1));

    private DroolsMessages() {
    }

    static Plain plain(String drools) {
        for (Translation t : TRANSLATIONS) {
            Matcher m = t.pattern().matcher(drools);
            if (m.find()) {
                String original = "（Drools: " + m.group(0) + "）";
                return new Plain(expand(t.zh(), m) + original, expand(t.en(), m) + " (Drools: " + m.group(0) + ")",
                        t.wordGroup() == 0 ? null : m.group(t.wordGroup()));
            }
        }
        return new Plain("规则编译错误：" + drools, "rule compile error: " + drools, null);
    }

    private static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                out.append(m.group(template.charAt(i + 1) - '0'));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The line (1-based) of the first use of {@code word} from {@code line} to the rule's end, else {@code line}. */
    static int refineLine(String source, int line, String word) {
        if (word == null || line < 1) {
            return line;
        }
        String[] lines = source.split("\n", -1);
        Pattern use = Pattern.compile((word.startsWith("$") ? "\\" : "\\b") + word + "\\b");
        for (int n = line - 1; n < lines.length; n++) {
            if (n > line - 1 && lines[n].strip().equals("end")) {
                break;
            }
            if (use.matcher(lines[n]).find()) {
                return n + 1;
            }
        }
        return line;
    }
}
