package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * Accepts a rule file only if it is written in the rule language: parsed by Drools' own parser
 * into its descriptor tree (not matched with regular expressions), then walked against an
 * allow-list. A file may declare its package, import the vocabulary's types, declare the
 * {@code params} global and hold rules; a rule may set its salience and activation group, match
 * vocabulary fact types with constraints of the small grammar of {@link RuleExpressions}, and call
 * vocabulary methods in its consequence. Functions, queries, type declarations, {@code eval},
 * {@code from}, {@code accumulate}, {@code not}/{@code exists}/{@code or}, timers, the MVEL
 * dialect, other globals and imports are refused. Each problem names the file and line.
 */
public final class RuleVerifier {

    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
    private static final List<String> RESERVED_PACKAGES = List.of("java", "javax", "jdk", "sun", "com.sun", "org.safecounty",
            "org.drools", "org.kie", "org.mvel2", "org.objectweb", "org.eclipse");
    private static final Pattern BOUND = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
    private static final Set<String> RULE_ATTRIBUTES = Set.of("salience", "activation-group", "dialect");
    /**
     * What a rule name may hold: letters of any script, digits, spaces and common punctuation — no
     * quote, apostrophe, slash or backslash, which the compiler would carry into the Java it
     * generates (a name could otherwise close a string or a comment there).
     */
    private static final Pattern RULE_NAME = Pattern.compile("[\\p{L}\\p{N} .,:;!?()（）\\[\\]%§–—\\-_+=<>≥≤&#*“”‘’、，：；。·×÷]{1,200}");
    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{N}_.\\-]{1,64}");
    private static final Pattern FILE_NAME = Pattern.compile("rules/[a-z0-9][a-z0-9._-]{0,60}\\.drl");
    /** Limits that keep compiling a pack quick: rules, rule text, and brackets nested in a rule. */
    static final int MAX_RULES = 500;
    static final int MAX_RULE_TEXT = 256 * 1024;
    private static final int MAX_NESTING = 64;

    public List<Problem> check(PackFiles files) {
        List<Problem> problems = new ArrayList<>();
        List<String> ruleFiles = RuleCompiler.ruleFiles(files);
        long size = ruleFiles.stream().mapToLong(p -> files.all().get(p).length).sum();
        if (size > MAX_RULE_TEXT) {
            problems.add(refused("rules/", 0, "规则文件合计超过 " + MAX_RULE_TEXT / 1024 + " KiB",
                    "the rule files together exceed " + MAX_RULE_TEXT / 1024 + " KiB"));
            return problems;
        }
        int[] rules = {0};
        for (String path : ruleFiles) {
            if (!FILE_NAME.matcher(path).matches()) {
                problems.add(refused(path, 0, "规则文件名只能用小写字母、数字、点、下划线和连字符，如 t1-organisation.drl",
                        "a rule file's name may hold small letters, digits, dots, underscores and hyphens only,"
                                + " e.g. t1-organisation.drl"));
                continue;
            }
            problems.addAll(check(path, files.text(path).orElse(""), rules));
        }
        if (rules[0] > MAX_RULES) {
            problems.add(refused("rules/", 0, "规则超过 " + MAX_RULES + " 条", "more than " + MAX_RULES + " rules"));
        }
        return problems;
    }

    List<Problem> check(String path, String text) {
        return check(path, text, new int[1]);
    }

    /** The problems of one rule file; counts its rules into {@code rules[0]}. */
    private List<Problem> check(String path, String text, int[] rules) {
        List<Problem> problems = new ArrayList<>();
        if (!plainText(path, text, problems) || !shallow(path, text, problems)) {
            return problems;
        }
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, text);
        } catch (DroolsParserException | RuntimeException | StackOverflowError e) {
            problems.add(syntax(path, 0, String.valueOf(e.getMessage())));
            return problems;
        }
        if (parser.hasErrors() || pkg == null) {
            int unclosed = unclosedBracket(text);
            if (unclosed > 0) {
                // the parser stumbles over the word after it ("then"): the slip is the bracket, where it opens
                problems.add(new Problem(path + ":" + unclosed, "RULE_COMPILE",
                        "语法错误：这一行的“(”没有配对的“)”；请在条件结束处补上“)”",
                        "syntax error: a \"(\" on this line is never closed; add the \")\" where the condition ends"));
                return problems;
            }
            parser.getErrors().forEach(e -> problems.add(syntax(path, row(e), e.getMessage())));
            if (problems.isEmpty()) {
                problems.add(syntax(path, 0, "unreadable rule file"));
            }
            return problems;
        }
        rules[0] += pkg.getRules().size();
        new FileCheck(path, text.split("\n", -1), pkg, problems).run();
        return problems;
    }

    /** Refuses brackets nested deeper than any rule needs, before the parser recurses into them. */
    private static boolean shallow(String path, String text, List<Problem> problems) {
        int depth = 0;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    problems.add(refused(path, line, "括号嵌套超过 " + MAX_NESTING + " 层", "brackets nested deeper than " + MAX_NESTING));
                    return false;
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(0, depth - 1);
            }
        }
        return true;
    }

    /**
     * Refuses what Java would read differently from what a person sees: unicode escapes (Java
     * turns {@code \u0022} into a quote before it reads the code), control characters and the
     * characters that reorder text on screen.
     */
    private static boolean plainText(String path, String text, List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.indexOf('\r') >= 0 && line.indexOf('\r') != line.length() - 1) {
                problems.add(refused(path, n + 1, "行尾只能是换行（\\n 或 \\r\\n），不能单独用 \\r",
                        "a line may end with \\n or \\r\\n only, not a lone \\r"));
            }
            if (line.contains("\\u")) {
                problems.add(refused(path, n + 1, "不允许使用 \\u 转义", "\\u escapes are not allowed"));
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                boolean bom = c == 0xFEFF && n == 0 && i == 0;
                if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7F || c >= 0x80 && c < 0xA0
                        || Character.getType(c) == Character.FORMAT && !bom || c == 0x2028 || c == 0x2029
                        || c >= 0xFE00 && c <= 0xFE0F || Character.isSurrogate(c)) {
                    problems.add(refused(path, n + 1, String.format("不允许的不可见字符 U+%04X", (int) c),
                            String.format("the invisible character U+%04X is not allowed", (int) c)));
                    break;
                }
            }
        }
        return problems.isEmpty();
    }

    /**
     * The line of a {@code (} in a rule's conditions that is still open at {@code then}, or 0.
     * Strings and comments are skipped.
     */
    static int unclosedBracket(String text) {
        java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
        boolean conditions = false;
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '"' || c == '\'') {
                for (i++; i < text.length() && text.charAt(i) != c && text.charAt(i) != '\n'; i++) {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '/' && text.startsWith("//", i)) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 1;
                line += (int) text.substring(i, end).chars().filter(ch -> ch == '\n').count();
                i = end;
            } else if (Character.isJavaIdentifierStart(c) && (i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))) {
                int end = i;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                String word = i > 0 && text.charAt(i - 1) == '.' ? "" : text.substring(i, end); // $i.when(…) is a call
                if (word.equals("when")) {
                    conditions = true;
                    open.clear();
                } else if (word.equals("then") || word.equals("rule") || word.equals("end")) {
                    if (conditions && !open.isEmpty()) {
                        return open.peek();
                    }
                    conditions = false;
                }
                i = end - 1;
            } else if (conditions && c == '(') {
                open.push(line);
            } else if (conditions && c == ')' && !open.isEmpty()) {
                open.pop();
            }
        }
        return 0;
    }

    private static int row(DroolsError e) {
        if (e instanceof ParserError p) {
            return p.getRow();
        }
        int[] lines = e.getLines();
        return lines == null || lines.length == 0 ? 0 : lines[0];
    }

    /** The walk over one parsed file. */
    private static final class FileCheck {
        private final String path;
        private final String[] lines;
        private final PackageDescr pkg;
        private final List<Problem> problems;
        private final Map<String, Class<?>> imported = new HashMap<>();
        private final Map<String, Class<?>> globals = new HashMap<>();
        /** An import could not be resolved: what follows from it is not reported again. */
        private boolean unknownImport;
        /** The rule being read matched a type that could not be resolved; its consequence is not read. */
        private boolean ruleUnresolved;

        FileCheck(String path, String[] lines, PackageDescr pkg, List<Problem> problems) {
            this.path = path;
            this.lines = lines;
            this.pkg = pkg;
            this.problems = problems;
        }

        void run() {
            packageName();
            for (ImportDescr i : pkg.getImports()) {
                importOf(i);
            }
            for (GlobalDescr g : pkg.getGlobals()) {
                global(g);
            }
            refuseAll(pkg.getFunctions(), "函数（function）", "functions");
            refuseAll(pkg.getFunctionImports(), "函数导入（import function）", "function imports");
            refuseAll(pkg.getAccumulateImports(), "累加函数导入（import accumulate）", "accumulate imports");
            refuseAll(pkg.getTypeDeclarations(), "类型声明（declare）", "type declarations");
            refuseAll(pkg.getEnumDeclarations(), "枚举声明（declare enum）", "enum declarations");
            refuseAll(new ArrayList<>(pkg.getEntryPointDeclarations()), "入口点声明", "entry-point declarations");
            refuseAll(new ArrayList<>(pkg.getWindowDeclarations()), "窗口声明", "window declarations");
            refuseAll(pkg.getAttributes(), "文件级属性（如 dialect）", "file-level attributes (such as dialect)");
            if (pkg.getUnit() != null) {
                problems.add(refused(path, pkg.getUnit().getLine(), "规则单元（unit）", "rule units"));
            }
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        private void packageName() {
            String name = pkg.getName() == null ? "" : pkg.getName();
            if (!PACKAGE_NAME.matcher(name).matches()
                    || RESERVED_PACKAGES.stream().anyMatch(r -> name.equals(r) || name.startsWith(r + "."))) {
                problems.add(refused(path, pkg.getLine(), "包名 “" + name + "” 不可用：请用小写字母的名字，如 hebei.fds2014",
                        "the package name \"" + name + "\" cannot be used: use small letters, e.g. hebei.fds2014"));
            }
        }

        private void importOf(ImportDescr i) {
            String target = i.getTarget();
            Optional<Class<?>> type = RuleVocabulary.importable(target);
            if (type.isPresent()) {
                imported.put(type.get().getSimpleName(), type.get());
            } else if (exists(target)) {
                problems.add(refused(path, i.getLine(), "不允许导入 " + target + "：规则只能导入规则词汇中的类型",
                        "importing " + target + " is not allowed: rules may import only the rule vocabulary's types"));
            } else {
                unknownImport = true;
                problems.add(unknown(path, i.getLine(), "未知类型 " + target + "：请检查拼写（可导入的类型见《规则编写指南》）",
                        "unknown type " + target + ": check the spelling (docs/rule-authoring.md lists the types rules may import)"));
            }
        }

        private void global(GlobalDescr g) {
            boolean ok = g.getIdentifier().equals(RuleVocabulary.GLOBAL_NAME)
                    && (g.getType().equals(RuleVocabulary.GLOBAL_TYPE.getName()));
            if (ok) {
                globals.put(g.getIdentifier(), RuleVocabulary.GLOBAL_TYPE);
            } else {
                problems.add(refused(path, g.getLine(), "只允许一个全局变量：global " + RuleVocabulary.GLOBAL_TYPE.getName() + " params",
                        "the only global allowed is: global " + RuleVocabulary.GLOBAL_TYPE.getName() + " params"));
            }
        }

        private void refuseAll(List<? extends BaseDescr> found, String zh, String en) {
            for (BaseDescr d : found) {
                problems.add(refused(path, d.getLine(), "规则文件中不允许" + zh, en + " are not allowed in rule files"));
            }
        }

        private void rule(RuleDescr rule) {
            int line = rule.getLine();
            if (rule.isQuery()) {
                problems.add(refused(path, line, "查询（query）", "queries"));
                return;
            }
            if (rule.hasParent() || rule.getUnit() != null || !rule.getNamedConsequences().isEmpty()) {
                problems.add(refused(path, line, "规则继承（extends）、单元与具名结果都不允许",
                        "rule inheritance (extends), units and named consequences are not allowed"));
            }
            if (!RULE_NAME.matcher(rule.getName()).matches()) {
                problems.add(refused(path, line, "规则名只能用文字、数字、空格和常用标点，不能含引号、斜杠或反斜杠，最长 200 字",
                        "a rule name may hold letters, digits, spaces and common punctuation, no quote, slash or"
                                + " backslash, at most 200 characters"));
            }
            if (!rule.getAnnotations().isEmpty()) {
                problems.add(refused(path, line, "规则注解（@…）", "rule annotations (@…)"));
            }
            attributes(rule);
            Map<String, Class<?>> bound = new HashMap<>(globals);
            ruleUnresolved = false;
            lhs(rule.getLhs(), bound);
            if (!ruleUnresolved) {
                consequence(rule, bound);
            }
        }

        private void attributes(RuleDescr rule) {
            for (Map.Entry<String, AttributeDescr> a : rule.getAttributes().entrySet()) {
                String name = a.getKey();
                String value = a.getValue().getValue();
                int line = a.getValue().getLine() > 0 ? a.getValue().getLine() : rule.getLine();
                if (!RULE_ATTRIBUTES.contains(name)) {
                    problems.add(refused(path, line, "规则属性 " + name + " 不允许（只可用 salience 与 activation-group）",
                            "the rule attribute " + name + " is not allowed (only salience and activation-group)"));
                } else if (name.equals("dialect") && !"java".equals(value)) {
                    problems.add(refused(path, line, "方言 “" + value + "” 不允许：规则只能用 java 方言",
                            "the dialect \"" + value + "\" is not allowed: rules use the java dialect only"));
                } else if (name.equals("activation-group") && (value == null || !GROUP_NAME.matcher(value).matches())) {
                    problems.add(refused(path, line, "activation-group 的名字只能用文字、数字、下划线、点和连字符",
                            "an activation-group name may hold letters, digits, underscores, dots and hyphens only"));
                } else if (name.equals("salience") && (value == null || !INTEGER.matcher(value.strip()).matches())) {
                    problems.add(refused(path, line, "salience 必须是整数", "salience must be a whole number"));
                }
            }
        }

        private void lhs(AndDescr lhs, Map<String, Class<?>> bound) {
            if (lhs == null) {
                return;
            }
            if (lhs.getDescrs().size() > 1) {
                // patterns that nothing joins multiply: the engine would build every combination
                problems.add(refused(path, lhs.getDescrs().get(1).getLine(), "一条规则只能匹配一个事实（如一个 Indicator 或 Tally）",
                        "a rule matches one fact (one Indicator, BonusItem, Veto or Tally)"));
                return;
            }
            for (BaseDescr d : lhs.getDescrs()) {
                if (d instanceof PatternDescr p) {
                    pattern(p, bound);
                } else {
                    problems.add(refused(path, d.getLine(), "条件中只能匹配事实（如 $i : Indicator( id == \"T1.1\" )），不能用 "
                            + kind(d), "conditions may only match facts (such as $i : Indicator( id == \"T1.1\" )), not "
                            + kind(d)));
                }
            }
        }

        private void pattern(PatternDescr p, Map<String, Class<?>> bound) {
            int line = p.getLine();
            Class<?> type = imported.get(p.getObjectType());
            if (type == null && unknownImport) {
                // the import that should have brought it in is already reported: one slip, one error
                ruleUnresolved = true;
                return;
            }
            if (type == null && !p.getObjectType().contains(".")) {
                // a name nothing imports: most often a slip of the pen (Indicater)
                ruleUnresolved = true;
                problems.add(unknown(path, line, "未知类型 " + p.getObjectType()
                                + "：请检查拼写；规则可匹配的是 Indicator、BonusItem、Veto、Tally（须先 import）",
                        "unknown type " + p.getObjectType()
                                + ": check the spelling; rules match Indicator, BonusItem, Veto or Tally (imported first)"));
                return;
            }
            if (type == null || !RuleVocabulary.FACT_TYPES.contains(type)) {
                ruleUnresolved = true;
                problems.add(unknown(path, line, "不能匹配类型 " + p.getObjectType() + "：可匹配的是 Indicator、BonusItem、Veto、Tally（须先 import）",
                        "cannot match the type " + p.getObjectType() + ": rules match Indicator, BonusItem, Veto or Tally (imported first)"));
                return;
            }
            if (p.getSource() != null || !p.getBehaviors().isEmpty() || p.isQuery() || p.isUnification()
                    || !p.getPositionalConstraints().isEmpty() || !p.getAnnotations().isEmpty()) {
                problems.add(refused(path, line, "from、窗口、查询、位置约束与注解都不允许", "from, windows, queries, positional constraints and annotations are not allowed"));
                return;
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    try {
                        RuleExpressions.condition(e.getExpression(), line(e, line), type, bound);
                    } catch (RuleText.Refused r) {
                        problems.add(unknown(path, r.line, r.zh, r.en));
                    }
                } else {
                    problems.add(refused(path, line, "条件中不允许 " + kind(c), kind(c) + " is not allowed in a condition"));
                }
            }
            if (p.getIdentifier() != null) {
                if (!BOUND.matcher(p.getIdentifier()).matches() || bound.containsKey(p.getIdentifier())) {
                    problems.add(refused(path, line, "绑定的变量名须以 $ 开头且不重复", "a bound variable must start with $ and be new"));
                }
                bound.put(p.getIdentifier(), type);
            }
        }

        private void consequence(RuleDescr rule, Map<String, Class<?>> bound) {
            Object text = rule.getConsequence();
            if (!(text instanceof String consequence)) {
                problems.add(refused(path, rule.getLine(), "规则缺少 then 部分", "the rule has no then part"));
                return;
            }
            try {
                RuleExpressions.consequence(consequence, firstLine(rule, consequence), bound);
            } catch (RuleText.Refused r) {
                problems.add(unknown(path, r.line, r.zh, r.en));
            }
        }

        /**
         * The file line the consequence text starts on: the parser gives the line of {@code then}
         * and the text without its leading blank, so the text's first line is looked for from there.
         */
        private int firstLine(RuleDescr rule, String consequence) {
            String first = consequence.strip().split("\n", 2)[0].strip();
            int from = Math.max(0, rule.getConsequenceLine() - 1);
            for (int n = from; n < lines.length && !first.isEmpty(); n++) {
                if (lines[n].contains(first)) {
                    return n + 1 - leadingNewlines(consequence);
                }
            }
            return Math.max(1, rule.getConsequenceLine());
        }

        private static int leadingNewlines(String text) {
            int n = 0;
            for (int i = 0; i < text.length() && Character.isWhitespace(text.charAt(i)); i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }

        private static int line(BaseDescr d, int fallback) {
            return d.getLine() > 0 ? d.getLine() : fallback;
        }

        private static String kind(BaseDescr d) {
            return d.getClass().getSimpleName().replace("Descr", "").toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether a class of that name is on the class path, without loading it. */
    private static boolean exists(String name) {
        return RuleVerifier.class.getClassLoader().getResource(name.replace('.', '/') + ".class") != null;
    }

    private static Problem refused(String path, int line, String zh, String en) {
        return new Problem(where(path, line), "SANDBOX", "规则包不允许：" + zh, "not allowed in a rule pack: " + en);
    }

    private static Problem unknown(String path, int line, String zh, String en) {
        return new Problem(where(path, line), "RULE_COMPILE", zh, en);
    }

    private static Problem syntax(String path, int line, String message) {
        DroolsMessages.Plain plain = DroolsMessages.plain(message == null ? "" : message.strip());
        return new Problem(where(path, line), "RULE_COMPILE", plain.zh(), plain.en());
    }

    private static String where(String path, int line) {
        return line > 0 ? path + ":" + line : path;
    }
}
