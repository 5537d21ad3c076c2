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
import io.pebbletemplates.pebble.extension.escaper.EscapeFilter;
import io.pebbletemplates.pebble.lexer.Token;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.node.RenderableNode;
import io.pebbletemplates.pebble.node.expression.AddExpression;
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
            // + and ~ come back from Reports, bounded; the range .. does not
            return all == null ? List.of() : all.stream()
                    .filter(o -> !Set.of("+", "~", "..").contains(o.getSymbol())).toList();
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
                return Budget.made(filter.apply(input, args, self, context, line), self.getName(), line);
            } catch (PebbleException e) {
                throw e;
            } catch (RuntimeException e) {
                throw failed("the filter " + name, e, self, line);
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
