package org.safecounty.internal.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safecounty.internal.rules.RuleText.Kind;
import org.safecounty.internal.rules.RuleText.Refused;
import org.safecounty.internal.rules.RuleText.Token;

/**
 * Reads a condition or a consequence in the small language rules are written in, and checks each
 * name and call against the rule vocabulary with its types: a method that is not in the
 * vocabulary, a name that is not bound, an argument of the wrong type are refused with the line.
 *
 * <pre>
 * consequence := statement*
 * statement   := Type name "=" call ";" | call ";" | "modify" "(" $var ")" "{" method(args) ("," method(args))* "}" [";"]
 * call        := primary ("." method "(" args ")")*
 * primary     := $var | local | params | Enum.CONSTANT | "string" | number | true | false
 * condition   := operand [comparison operand] (("&amp;&amp;" | "||") operand [comparison operand])*
 * operand     := property | method(args) | call | literal          (properties of the pattern's type)
 * </pre>
 */
final class RuleExpressions {

    /** A value's type; for literals the literal kind as well. */
    record Typed(Class<?> type, Kind literal) {
        static Typed of(Class<?> type) {
            return new Typed(type, null);
        }
    }

    private static final Set<String> COMPARISONS = Set.of("==", "!=", ">=", "<=", ">", "<");
    private static final Set<String> ENGINE_HANDLES = Set.of("drools", "kcontext");
    private static final Set<String> JAVA_KEYWORDS = Set.of("new", "if", "else", "for", "while", "do", "return",
            "switch", "case", "try", "catch", "finally", "throw", "class", "interface", "enum", "this", "super",
            "synchronized", "instanceof", "import", "package", "var", "assert", "goto", "native", "static", "null",
            "insert", "insertLogical", "update", "retract", "delete");
    private static final Map<String, Class<?>> LOCAL_TYPES = Map.of("Reading", org.safecounty.facts.Reading.class,
            "BigDecimal", BigDecimal.class, "String", String.class, "boolean", boolean.class);
    private static final int MAX_DEPTH = 32;
    /** Statements in one consequence: a rule that needs more should be split. */
    static final int MAX_STATEMENTS = 60;

    private final List<Token> tokens;
    private final Map<String, Class<?>> names;
    private int at;
    private int depth;

    private RuleExpressions(List<Token> tokens, Map<String, Class<?>> names) {
        this.tokens = tokens;
        this.names = names;
    }

    /** Checks a consequence; {@code names} holds the rule's bound variables and the global. */
    static void consequence(String text, int firstLine, Map<String, Class<?>> names)
            throws Refused {
        RuleExpressions r = new RuleExpressions(RuleText.tokens(text, firstLine), new java.util.HashMap<>(names));
        int statements = 0;
        while (r.peek().kind() != Kind.END) {
            if (++statements > MAX_STATEMENTS) {
                throw new Refused(r.peek().line(), "一条规则的结果部分最多 " + MAX_STATEMENTS + " 句",
                        "a rule's consequence holds at most " + MAX_STATEMENTS + " statements");
            }
            r.statement();
        }
    }

    /** Checks one constraint of a pattern over {@code factType}. */
    static void condition(String text, int line, Class<?> factType, Map<String, Class<?>> names)
            throws Refused {
        RuleExpressions r = new RuleExpressions(RuleText.tokens(text, line), names);
        r.comparison(factType);
        while (r.peek().is("&&") || r.peek().is("||")) {
            r.next();
            r.comparison(factType);
        }
        r.expect(Kind.END, "条件到此应当结束", "the condition should end here");
    }

    private void statement() throws Refused {
        Token first = peek();
        if (first.is("modify")) {
            modify();
            return;
        }
        if (first.kind() == Kind.NAME && LOCAL_TYPES.containsKey(first.text()) && tokens.get(at + 1).kind() == Kind.NAME) {
            next();
            Token name = next();
            if (names.containsKey(name.text()) || !name.text().matches("[a-z][A-Za-z0-9]*")) {
                throw new Refused(name.line(), "变量名 " + name.text() + " 已被使用或不合规则（小写字母开头）",
                        "the variable name " + name.text() + " is taken or not allowed (start with a small letter)");
            }
            expectSymbol("=");
            Typed value = call();
            Class<?> declared = LOCAL_TYPES.get(first.text());
            if (!compatible(declared, value)) {
                throw wrongType(name.line(), value.type(), declared);
            }
            names.put(name.text(), declared);
            expectSymbol(";");
            return;
        }
        Typed value = call();
        if (value.literal() != null) {
            throw new Refused(first.line(), "语句必须是一次调用", "a statement must be a call");
        }
        expectSymbol(";");
    }

    /** modify( $t ) { method(args), ... }: calls on the fact, then the engine re-reads it. */
    private void modify() throws Refused {
        next();
        expectSymbol("(");
        Token var = next();
        Class<?> type = names.get(var.text());
        if (var.kind() != Kind.NAME || !var.text().startsWith("$") || type == null) {
            throw new Refused(var.line(), "modify 只能用于规则中绑定的事实（如 $t）", "modify takes a fact bound in the rule, such as $t");
        }
        expectSymbol(")");
        expectSymbol("{");
        do {
            Token method = next();
            member(type, method);
        } while (peek().is(",") && next() != null);
        expectSymbol("}");
        if (peek().is(";")) {
            next();
        }
    }

    /** A value and the calls made on it. */
    private Typed call() throws Refused {
        if (++depth > MAX_DEPTH) {
            throw new Refused(peek().line(), "调用嵌套过深", "calls are nested too deeply");
        }
        Typed value = primary();
        while (peek().is(".")) {
            next();
            value = member(value.type(), next());
        }
        depth--;
        return value;
    }

    private Typed primary() throws Refused {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Typed(String.class, Kind.STRING);
            case NUMBER:
                if (!t.text().matches("[0-9]{1,9}(\\.[0-9]{1,6})?")) {
                    throw new Refused(t.line(), "数字 " + t.text() + " 超出规则中允许的范围（最多 9 位整数、6 位小数）：数字请写在参数表里",
                            "the number " + t.text() + " is out of the range rules allow (9 digits, 6 decimals):"
                                    + " figures belong in parameters.yaml");
                }
                return new Typed(BigDecimal.class, Kind.NUMBER);
            case NAME:
                return name(t);
            default:
                throw new Refused(t.line(), "此处应为一个值或调用，而不是 “" + t.text() + "”",
                        "a value or a call is expected here, not \"" + t.text() + "\"");
        }
    }

    private Typed name(Token t) throws Refused {
        if (t.is("true") || t.is("false")) {
            return new Typed(boolean.class, Kind.NAME);
        }
        if (JAVA_KEYWORDS.contains(t.text())) {
            throw new Refused(t.line(), t.text() + " 不属于规则语言：规则只能调用规则词汇中的方法（见《规则编写指南》）",
                    t.text() + " is not part of the rule language: rules only call the rule vocabulary's methods"
                            + " (see docs/rule-authoring.md)");
        }
        if (ENGINE_HANDLES.contains(t.text())) {
            throw new Refused(t.line(), "规则不能使用引擎句柄 " + t.text(), "rules may not use the engine handle " + t.text());
        }
        if (names.containsKey(t.text())) {
            return Typed.of(names.get(t.text()));
        }
        throw unknownName(t);
    }

    private Refused unknownName(Token t) {
        return new Refused(t.line(), t.text() + " 未定义：规则中绑定的变量以 $ 开头（如 $i），参数用 params，可用的类型须先 import",
                t.text() + " is not defined: variables bound in a rule start with $ (e.g. $i), parameters are params,"
                        + " and a type must be imported first");
    }

    /** A method call on a value of {@code type}; {@code name} is the method's token. */
    private Typed member(Class<?> type, Token name) throws Refused {
        if (name.kind() != Kind.NAME) {
            throw new Refused(name.line(), "“.” 之后应为方法名", "a method name is expected after \".\"");
        }
        expectSymbol("(");
        List<Typed> args = arguments();
        return Typed.of(resolve(type, name, args).getReturnType());
    }

    private List<Typed> arguments() throws Refused {
        List<Typed> args = new ArrayList<>();
        if (peek().is(")")) {
            next();
            return args;
        }
        do {
            args.add(call());
        } while (peek().is(",") && next() != null);
        expectSymbol(")");
        return args;
    }

    private Method resolve(Class<?> type, Token name, List<Typed> args) throws Refused {
        if (!allowed(type, name.text())) {
            throw new Refused(name.line(), simple(type) + " 没有方法 " + name.text() + "：请检查拼写，规则可用的方法见《规则编写指南》",
                    simple(type) + " has no method " + name.text() + " that rules may use: check the spelling;"
                            + " docs/rule-authoring.md lists what rules may call");
        }
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name.text()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == args.size()).toList();
        for (Method m : candidates) {
            if (accepts(m, args)) {
                return m;
            }
        }
        if (candidates.isEmpty()) {
            throw new Refused(name.line(), name.text() + " 的参数个数不对（给了 " + args.size() + " 个）",
                    name.text() + " takes another number of arguments (" + args.size() + " given)");
        }
        Class<?>[] wanted = candidates.get(0).getParameterTypes();
        for (int i = 0; i < args.size(); i++) {
            if (!compatible(wanted[i], args.get(i))) {
                throw wrongType(name.line(), args.get(i).type(), wanted[i]);
            }
        }
        throw wrongType(name.line(), args.get(0).type(), wanted[0]);
    }

    private static boolean allowed(Class<?> type, String method) {
        return RuleVocabulary.allows(type, method)
                || RuleVocabulary.JDK_METHODS.getOrDefault(jdkOwner(type), Set.of()).contains(method);
    }

    private static String jdkOwner(Class<?> type) {
        return List.class.isAssignableFrom(type) ? "java/util/List" : type.getName().replace('.', '/');
    }

    private static boolean accepts(Method m, List<Typed> args) {
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            if (!compatible(params[i], args.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean compatible(Class<?> param, Typed arg) {
        Class<?> p = box(param);
        if (arg.literal() == Kind.STRING) {
            return p == String.class || p == Object.class || p == CharSequence.class;
        }
        if (arg.literal() == Kind.NUMBER) {
            return p == Number.class || p == BigDecimal.class || p == Object.class;
        }
        return p.isAssignableFrom(box(arg.type()));
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == boolean.class ? Boolean.class : c == int.class ? Integer.class : c == long.class ? Long.class
                : c == double.class ? Double.class : c == void.class ? Void.class : c;
    }

    private Refused wrongType(int line, Class<?> got, Class<?> wanted) {
        return new Refused(line, "类型不符：" + simple(got) + " 不能当作 " + simple(wanted) + " 使用（计分方法返回的是分数 BigDecimal，"
                + "读数 Reading 来自 value/ratio/per 等）", "wrong type: a " + simple(got) + " cannot be used as a "
                + simple(wanted) + " (scoring forms return points, a BigDecimal; readings come from value, ratio, per ...)");
    }

    private static String simple(Class<?> c) {
        return c.getSimpleName();
    }

    // ------------------------------------------------------------ conditions

    private void comparison(Class<?> factType) throws Refused {
        Typed left = operand(factType);
        if (peek().kind() == Kind.SYMBOL && COMPARISONS.contains(peek().text())) {
            next();
            operand(factType);
        } else if (box(left.type()) != Boolean.class) {
            throw new Refused(peek().line(), "条件必须是“是/否”，或用 ==、>= 等比较", "a condition must be true/false, or a comparison such as == or >=");
        }
    }

    private Typed operand(Class<?> factType) throws Refused {
        Token t = peek();
        if (t.kind() == Kind.NAME && !names.containsKey(t.text()) && !t.is("true") && !t.is("false")) {
            next();
            Typed value = peek().is("(") ? member(factType, t) : property(factType, t);
            while (peek().is(".")) {
                next();
                value = member(value.type(), next());
            }
            return value;
        }
        return call();
    }

    /** A property of the pattern's type: {@code total} reads {@code getTotal()}, {@code vetoTriggered} {@code isVetoTriggered()}. */
    private Typed property(Class<?> factType, Token t) throws Refused {
        String cap = Character.toUpperCase(t.text().charAt(0)) + t.text().substring(1);
        for (String getter : List.of("get" + cap, "is" + cap)) {
            if (RuleVocabulary.allows(factType, getter)) {
                try {
                    return Typed.of(factType.getMethod(getter).getReturnType());
                } catch (NoSuchMethodException e) {
                    // not this form of getter
                }
            }
        }
        throw new Refused(t.line(), simple(factType) + " 没有字段 " + t.text() + "：请检查拼写，规则可用的字段见《规则编写指南》",
                simple(factType) + " has no field " + t.text() + " that rules may use: check the spelling;"
                        + " docs/rule-authoring.md lists them");
    }

    // ------------------------------------------------------------ tokens

    private Token peek() throws Refused {
        return refuseBad(tokens.get(at));
    }

    private Token next() throws Refused {
        Token t = refuseBad(tokens.get(at));
        if (t.kind() != Kind.END) {
            at++;
        }
        return t;
    }

    private static Token refuseBad(Token t) throws Refused {
        if (t.kind() == Kind.BAD) {
            String[] zhEn = t.text().split("\u0000", 2);
            throw new Refused(t.line(), zhEn[0], zhEn[1]);
        }
        return t;
    }

    private void expectSymbol(String symbol) throws Refused {
        Token t = next();
        if (!t.is(symbol)) {
            throw new Refused(t.line(), "语法错误：缺少“" + symbol + "”" + (t.kind() == Kind.END ? "" : "（此处见到的是“" + t.text() + "”）"),
                    "syntax error: \"" + symbol + "\" is missing" + (t.kind() == Kind.END ? "" : " (found \"" + t.text() + "\" here)"));
        }
    }

    private void expect(Kind kind, String zh, String en) throws Refused {
        Token t = next();
        if (t.kind() != kind) {
            throw new Refused(t.line(), zh + "（见到的是 “" + t.text() + "”）", en + " (found \"" + t.text() + "\")");
        }
    }
}
