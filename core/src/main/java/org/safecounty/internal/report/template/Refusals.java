package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.NamedArgumentNode;
import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.node.PositionalArgumentNode;
import io.pebbletemplates.pebble.node.TestInvocationExpression;
import io.pebbletemplates.pebble.node.expression.ArrayExpression;
import io.pebbletemplates.pebble.node.expression.BinaryExpression;
import io.pebbletemplates.pebble.node.expression.BlockFunctionExpression;
import io.pebbletemplates.pebble.node.expression.ContextVariableExpression;
import io.pebbletemplates.pebble.node.expression.Expression;
import io.pebbletemplates.pebble.node.expression.FilterInvocationExpression;
import io.pebbletemplates.pebble.node.expression.FunctionOrMacroInvocationExpression;
import io.pebbletemplates.pebble.node.expression.GetAttributeExpression;
import io.pebbletemplates.pebble.node.expression.LiteralStringExpression;
import io.pebbletemplates.pebble.node.expression.MapExpression;
import io.pebbletemplates.pebble.node.expression.TernaryExpression;
import io.pebbletemplates.pebble.node.expression.UnaryExpression;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.Map;

/**
 * Reads every expression of a template when it is compiled and refuses, naming file and line, what
 * report templates may not use: a filter not on the list ({@code raw} among them), {@code escape}
 * with any strategy but {@code html}, a function Pebble has that reports do not ({@code range},
 * {@code i18n}), and Pebble's own objects ({@code _context}, {@code template}, {@code locale}). The
 * same things are also refused when a template runs (they are not registered, or {@link
 * ViewResolver} refuses them); this check says so before any county is rendered.
 */
final class Refusals extends AbstractNodeVisitor {

    private final String file;

    Refusals(PebbleTemplate template) {
        super(null);
        this.file = template.getName();
    }

    @Override
    public void visit(Node node) {
        if (node instanceof FilterInvocationExpression f) {
            filter(f);
            f.getArgs().accept(this);
        } else if (node instanceof FunctionOrMacroInvocationExpression f) {
            String why = Sandbox.REFUSED_FUNCTIONS.get(f.getFunctionName());
            if (why != null) {
                throw refused(f.getLineNumber(), "the function " + f.getFunctionName() + " is refused: " + why);
            }
            f.getArguments().accept(this);
        } else if (node instanceof ContextVariableExpression v) {
            String why = Sandbox.REFUSED_VARIABLES.get(v.getName());
            if (why != null) {
                throw refused(v.getLineNumber(), "the variable " + v.getName() + " is refused: " + why);
            }
        } else if (node instanceof BinaryExpression<?> b) {
            b.getLeftExpression().accept(this);
            b.getRightExpression().accept(this);
        } else if (node instanceof UnaryExpression u) {
            u.getChildExpression().accept(this);
        } else if (node instanceof TernaryExpression t) {
            t.getExpression1().accept(this);
            t.getExpression2().accept(this);
            t.getExpression3().accept(this);
        } else if (node instanceof GetAttributeExpression g) {
            g.getNode().accept(this);
            g.getAttributeNameExpression().accept(this);
            if (g.getArgumentsNode() != null) {
                g.getArgumentsNode().accept(this);
            }
        } else if (node instanceof ArrayExpression a) {
            a.getValues().forEach(e -> e.accept(this));
        } else if (node instanceof MapExpression m) {
            for (Map.Entry<Expression<?>, Expression<?>> e : m.getEntries().entrySet()) {
                e.getKey().accept(this);
                e.getValue().accept(this);
            }
        } else if (node instanceof TestInvocationExpression t) {
            t.getArgs().accept(this);
        } else if (node instanceof BlockFunctionExpression b) {
            b.getBlockNameExpression().accept(this);
        }
    }

    private void filter(FilterInvocationExpression f) {
        String name = f.getFilterName();
        if (!Sandbox.FILTERS.contains(name)) {
            String why = Sandbox.REFUSED_FILTERS.getOrDefault(name, "it is not among the filters report templates have: "
                    + String.join(", ", Sandbox.FILTERS.stream().sorted().toList()));
            throw refused(f.getLineNumber(), "the filter " + name + " is refused: " + why);
        }
        if (name.equals("escape")) {
            ArgumentsNode args = f.getArgs();
            for (PositionalArgumentNode a : args.getPositionalArgs() == null ? java.util.List.<PositionalArgumentNode>of()
                    : args.getPositionalArgs()) {
                strategy(a.getValueExpression(), f.getLineNumber());
            }
            for (NamedArgumentNode a : args.getNamedArgs() == null ? java.util.List.<NamedArgumentNode>of() : args.getNamedArgs()) {
                strategy(a.getValueExpression(), f.getLineNumber());
            }
        }
    }

    private void strategy(Expression<?> value, int line) {
        if (!(value instanceof LiteralStringExpression s) || !s.getValue().equals("html")) {
            throw refused(line, "escape takes no strategy but \"html\": a value escaped for JavaScript, CSS or a URL"
                    + " would be printed into HTML unescaped");
        }
    }

    private ParserException refused(int line, String what) {
        return new ParserException(null, what + " / 报告模板不允许此用法", line, file);
    }
}
