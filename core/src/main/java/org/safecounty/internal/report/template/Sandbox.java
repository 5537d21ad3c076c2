package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.extension.ExtensionCustomizer;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.NodeVisitor;
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.AddExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.ConcatenateExpression;
import io.pebbletemplates.pebble.operator.Associativity;
import io.pebbletemplates.pebble.operator.BinaryOperator;
import io.pebbletemplates.pebble.operator.BinaryOperatorImpl;
import io.pebbletemplates.pebble.operator.BinaryOperatorType;
import io.pebbletemplates.pebble.parser.Parser;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import io.pebbletemplates.pebble.tokenParser.TokenParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Pebble engine report templates run in. Pebble as it comes would let a template call any
 * public Java method of any object it can reach, read templates by any path its loader accepts,
 * turn escaping off and loop or recurse without end; here a template gets a subset of the language,
 * by allow-list (as the rule sandbox accepts a subset of DRL):
 * <ul>
 *   <li>tags: {@code if}, {@code for}, {@code set}, {@code block}, {@code extends}, {@code include},
 *       {@code import}, {@code from}, {@code macro} (and {@code verbatim}); {@code autoescape},
 *       {@code filter}, {@code embed}, {@code cache}, {@code parallel} and {@code flush} are refused
 *       when the template is compiled, each with its reason;</li>
 *   <li>the filters in {@link #FILTERS}; {@code raw} is refused, and {@code escape} only escapes for
 *       HTML (the only escaping there is: {@link HtmlText});</li>
 *   <li>functions {@code min}, {@code max}, {@code block}, {@code parent} and the template's macros;</li>
 *   <li>every operator but the range {@code ..}; every test ({@code is defined}, {@code is empty}, …);</li>
 *   <li>attributes: entries of the view model's maps and elements of its lists only ({@link
 *       ViewResolver}), and as a second wall a method-access check that allows no method at all;</li>
 *   <li>files: only those of the template folder, by plain name, or the defaults ({@link FolderLoader});</li>
 *   <li>work: each rendering within a {@link Budget}, its output within {@link #MAX_OUTPUT} characters.</li>
 * </ul>
 * Every value printed is escaped for HTML (auto-escaping cannot be turned off); a macro's or a
 * block's output is HTML the template made, escaped already, and is printed as it is.
 */
final class Sandbox {

    /** Characters of one rendered page. */
    static final int MAX_OUTPUT = 1 << 25;

    /** The filters report templates have. */
    static final Set<String> FILTERS = Set.of("abbreviate", "abs", "capitalize", "default", "escape", "first", "join",
            "last", "length", "lower", "numberformat", "replace", "reverse", "rsort", "slice", "sort", "title", "trim",
            "upper", "urlencode");

    /** Filters Pebble has that report templates do not, and why. */
    static final Map<String, String> REFUSED_FILTERS = Map.of(
            "raw", "it would print a value unescaped; the view model holds text only, and a template's own HTML"
                    + " is written in the template (or made by a macro), which is never escaped",
            "split", "its argument is a regular expression, which can take exponential time",
            "merge", "it makes lists that grow without bound",
            "date", "the view model holds no dates: dates are text already formatted",
            "base64encode", "reports have no use for it",
            "base64decode", "reports have no use for it",
            "sha256", "reports have no use for it");

    /** Functions Pebble has that report templates do not, and why. */
    static final Map<String, String> REFUSED_FUNCTIONS = Map.of(
            "range", "loop over the lists of the view model",
            "i18n", "it reads resource bundles from the class path; the view model's t holds the words");

    /** Variables Pebble puts beside the view model, and why a template may not read them. */
    static final Map<String, String> REFUSED_VARIABLES = Map.of(
            "_context", "it is every variable as one Java object; name the variable itself",
            "template", "it is Pebble's Java object of the template",
            "locale", "it is a Java object; the view model's lang holds the language");

    private static final Set<String> TAGS = Set.of("if", "set", "extends", "import", "from");

    /** Tags Pebble has that report templates do not, and why. */
    private static final Map<String, String> REFUSED_TAGS = Map.of(
            "autoescape", "escaping cannot be turned off or changed in a report template",
            "filter", "it would apply filters to HTML already escaped, and could undo the escaping",
            "embed", "use include or extends",
            "cache", "a report is rendered once",
            "parallel", "a report is rendered on one thread",
            "flush", "a report is written whole");

    private static final Set<String> FUNCTIONS = Set.of("min", "max");

    private Sandbox() {
    }

    static PebbleEngine engine(Loader<?> loader) {
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .addEscapingStrategy("html", HtmlText::escape)      // the escaper's own; HtmlOnly replaces its filter
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .newLineTrimming(true)
                .defaultLocale(Locale.ROOT)
                .maxRenderedSize(MAX_OUTPUT)
                .methodAccessValidator((object, method) -> false)
                .registerExtensionCustomizer(AllowList::new)
                .extension(new Reports())
                .build();
    }

    /** Pebble's own extensions, cut down to the allow-lists; every filter and function charges the budget. */
    private static final class AllowList extends ExtensionCustomizer {

        AllowList(Extension pebbles) {
            super(pebbles);
        }

        @Override
        public Map<String, Filter> getFilters() {
            Map<String, Filter> kept = new LinkedHashMap<>();
            Map<String, Filter> all = super.getFilters();
            if (all != null) {
                all.forEach((name, f) -> {
                    if (name.equals("escape")) {
                        kept.put(name, new HtmlOnly());
                    } else if (name.equals("default")) {
                        kept.put(name, f);      // Pebble treats its DefaultFilter apart; it makes no value
                    } else if (FILTERS.contains(name)) {
                        kept.put(name, new Charging(name, f));
                    }
                });
            }
            return kept;
        }

        @Override
        public Map<String, Function> getFunctions() {
            Map<String, Function> kept = new LinkedHashMap<>();
            Map<String, Function> all = super.getFunctions();
            if (all != null) {
                all.forEach((name, f) -> {
                    if (FUNCTIONS.contains(name)) {
                        kept.put(name, new ChargingFunction(name, f));
                    }
                });
            }
            return kept;
        }

        @Override
        public List<TokenParser> getTokenParsers() {
            List<TokenParser> all = super.getTokenParsers();
            return all == null ? List.of() : all.stream().filter(p -> TAGS.contains(p.getTag())).toList();
        }

        @Override
        public List<BinaryOperator> getBinaryOperators() {
            List<BinaryOperator> all = super.getBinaryOperators();
            // + and ~ come back from Reports, bounded; the range .. does not; comparisons are charged
            return all == null ? List.of() : all.stream()
                    .filter(o -> !Set.of("+", "~", "..").contains(o.getSymbol()))
                    .map(o -> COMPARISONS.contains(o.getSymbol()) ? charged(o) : o).toList();
        }

        @Override
        public Map<String, Object> getGlobalVariables() {
            return Map.of();
        }
    }

    /** What reports add: the charged tags, the refused ones, bounded + and ~, the resolver, the compile-time check. */
    private static final class Reports extends AbstractExtension {

        @Override
        public List<TokenParser> getTokenParsers() {
            List<TokenParser> parsers = new ArrayList<>(List.of(Charged.forTag(), Charged.macroTag(), Charged.blockTag(),
                    Charged.includeTag()));
            REFUSED_TAGS.forEach((tag, why) -> parsers.add(refused(tag, why)));
            return parsers;
        }

        @Override
        public List<BinaryOperator> getBinaryOperators() {
            return List.of(
                    new BinaryOperatorImpl("+", 40, BoundedAdd::new, BinaryOperatorType.NORMAL, Associativity.LEFT),
                    new BinaryOperatorImpl("~", 110, BoundedConcatenate::new, BinaryOperatorType.NORMAL, Associativity.LEFT));
        }

        @Override
        public List<AttributeResolver> getAttributeResolver() {
            return List.of(new ViewResolver());
        }

        @Override
        public List<NodeVisitorFactory> getNodeVisitors() {
            return List.of(Refusals::new);
        }
    }

    /** Operators that read both their operands whole (a list's every element) in one step. */
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "equals", "contains", "<", ">", "<=", ">=");

    private static BinaryOperator charged(BinaryOperator o) {
        return new BinaryOperatorImpl(o.getSymbol(), o.getPrecedence(), () -> new ChargedComparison(o), o.getType(),
                o.getAssociativity());
    }

    /**
     * A comparison ({@code ==}, {@code contains}, …) that charges the budget by the size of its
     * operands before comparing them: {@code Q == R} on nested lists of long texts reads every text
     * of both in one step, and is refused as too many steps instead of running for hours.
     */
    static final class ChargedComparison extends BinaryExpression<Object> {

        private final BinaryOperator operator;

        ChargedComparison(BinaryOperator operator) {
            this.operator = operator;
        }

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            Object left = getLeftExpression().evaluate(self, context);
            Object right = getRightExpression().evaluate(self, context);
            Budget.charge(self.getName(), getLineNumber(), left, right);
            @SuppressWarnings("unchecked")
            BinaryExpression<Object> compare = (BinaryExpression<Object>) operator.createInstance();
            compare.setLineNumber(getLineNumber());
            compare.setLeft(new Value(left));
            compare.setRight(new Value(right));
            return compare.evaluate(self, context);
        }
    }

    /** An operand evaluated already. */
    private record Value(Object value) implements Expression<Object> {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return value;
        }

        @Override
        public int getLineNumber() {
            return 0;
        }

        @Override
        public void accept(NodeVisitor visitor) {
            // evaluated already: nothing to visit
        }
    }

    /** Whether {@code v} is printed as it is: a text, a number, true/false, nothing, or a macro's output. */
    static boolean printable(Object v) {
        return v == null || v instanceof CharSequence || v instanceof Number || v instanceof Boolean
                || v instanceof SafeString;
    }

    private static PebbleException notAText(String what, Object v, PebbleTemplate self, int line) {
        return new PebbleException(null, what + " takes a text or a number, not " + (v instanceof Map<?, ?> ? "a map"
                : "a list") + " (a list is printed with | join(\", \")) / 只能用于文字和数字，不能用于列表", line, self.getName());
    }

    private static TokenParser refused(String tag, String why) {
        return new TokenParser() {
            @Override
            public String getTag() {
                return tag;
            }

            @Override
            public RenderableNode parse(Token token, Parser parser) {
                throw new ParserException(null, "the tag " + tag + " is refused: " + why + " / 报告模板不允许此标签",
                        token.getLineNumber(), parser.getStream().getFilename());
            }
        };
    }

    /**
     * {@code escape} for HTML only. An {@link EscapeFilter} still, because Pebble hands a value
     * escaped already (a macro's output) to an escape filter as it is, and to any other filter as
     * text to escape again.
     */
    private static final class HtmlOnly extends EscapeFilter {

        HtmlOnly() {
            addEscapingStrategy("html", HtmlText::escape);
            setDefaultStrategy("html");
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object strategy = args.get("strategy");
            if (strategy != null && !"html".equals(strategy)) {
                throw new PebbleException(null, "escape takes no strategy but \"html\" / 只能按 HTML 转义", line, self.getName());
            }
            if (!printable(input)) {
                throw notAText("printing", input, self, line);       // its text could be any size
            }
            return Budget.made(super.apply(input, args, self, context, line), self.getName(), line);
        }
    }

    /** A filter that charges what it makes; its failure on a wrong argument names the filter, file and line. */
    private record Charging(String name, Filter filter) implements Filter {

        @Override
        public List<String> getArgumentNames() {
            return filter.getArgumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            try {
                if (TEXT_FILTERS.contains(name) && !printable(input)) {
                    throw notAText("the filter " + name, input, self, line);
                }
                switch (name) {
                    case "replace" -> {
                        return Budget.made(replace(input, args.get("replace_pairs"), self, line), self.getName(), line);
                    }
                    case "join" -> joined(input, args.get("separator"), self, line);
                    case "sort", "rsort" -> {
                        int n = input instanceof java.util.Collection<?> c ? c.size() : 1;
                        long log = 64 - Long.numberOfLeadingZeros(Math.max(1, n));
                        for (long i = 0; i < log; i++) {
                            Budget.charge(self.getName(), line, input);     // n log n comparisons
                        }
                    }
                    default -> {
                    }
                }
                return Budget.made(filter.apply(input, args, self, context, line), self.getName(), line);
            } catch (PebbleException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed("the filter " + name, e, self, line);
            }
        }
    }

    /** Filters that read their input as one text. */
    private static final Set<String> TEXT_FILTERS = Set.of("abbreviate", "capitalize", "lower", "upper", "title", "trim",
            "replace", "urlencode");

    /**
     * {@code replace}, each pair in turn, the length of each result computed from the count of what
     * it replaces before it is made: a replacement that would make a text over {@link
     * Budget#MAX_TEXT} characters is refused without making it.
     */
    private static String replace(Object input, Object pairs, PebbleTemplate self, int line) {
        if (input == null) {
            return null;
        }
        if (!(pairs instanceof Map<?, ?> map)) {
            throw new PebbleException(null, "replace takes a map of texts to replace: replace({\"a\": \"b\"}) / replace 的参数有误",
                    line, self.getName());
        }
        String text = input.toString();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!printable(e.getKey()) || !printable(e.getValue())) {
                throw notAText("replace", printable(e.getKey()) ? e.getValue() : e.getKey(), self, line);
            }
            String from = String.valueOf(e.getKey());
            String to = String.valueOf(e.getValue());
            long count = 0;
            if (from.isEmpty()) {
                count = text.length() + 1L;
            } else {
                for (int i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + from.length())) {
                    count++;
                }
            }
            long length = text.length() + count * (to.length() - (long) from.length());
            if (length > Budget.MAX_TEXT) {
                throw new PebbleException(null, "replace would make a text of " + length + " characters, longer than "
                        + Budget.MAX_TEXT + " characters / replace 生成的文本超过 " + Budget.MAX_TEXT + " 个字符", line, self.getName());
            }
            Budget.charge(self.getName(), line, text);
            text = text.replace(from, to);
        }
        return text;
    }

    /** Refuses a {@code join} whose elements are not texts or numbers, or whose result would be too long, before making it. */
    private static void joined(Object input, Object separator, PebbleTemplate self, int line) {
        if (!(input instanceof java.util.Collection<?> c)) {
            return;
        }
        long length = separator == null ? 0 : separator.toString().length() * (long) Math.max(0, c.size() - 1);
        for (Object e : c) {
            if (!printable(e)) {
                throw notAText("join", e, self, line);
            }
            length += e == null ? 0 : e.toString().length();
            if (length > Budget.MAX_TEXT) {
                throw new PebbleException(null, "join would make a text longer than " + Budget.MAX_TEXT
                        + " characters / join 生成的文本超过 " + Budget.MAX_TEXT + " 个字符", line, self.getName());
            }
        }
    }

    private record ChargingFunction(String name, Function function) implements Function {

        @Override
        public List<String> getArgumentNames() {
            return function.getArgumentNames();
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            try {
                return Budget.made(function.execute(args, self, context, line), self.getName(), line);
            } catch (PebbleException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed("the function " + name, e, self, line);
            }
        }
    }

    private static PebbleException failed(String what, RuntimeException e, PebbleTemplate self, int line) {
        return new PebbleException(e, what + " failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + "); are its arguments of the right kind? / 参数有误", line, self.getName());
    }

    /** {@code a ~ b}, refused when the text it makes is too long. */
    static final class BoundedConcatenate extends ConcatenateExpression {

        @Override
        public String evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return Budget.made(super.evaluate(self, context), self.getName(), getLineNumber());
        }
    }

    /** {@code a + b}, which joins texts too, refused when what it makes is too long. */
    static final class BoundedAdd extends AddExpression {

        @Override
        public Object evaluate(PebbleTemplateImpl self, EvaluationContextImpl context) {
            return Budget.made(super.evaluate(self, context), self.getName(), getLineNumber());
        }
    }
}
