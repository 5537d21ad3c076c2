package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.pebbletemplates.pebble.template.MacroAttributeProvider;
import java.util.List;
import java.util.Map;

/**
 * How a template reads {@code a.b} and {@code a[0]}: the entries of the view model's maps, the
 * elements of its lists, a loop's {@code loop.index}, {@code first}, {@code last}, {@code length}
 * and {@code revindex}, and the macros of a template imported under a name — nothing else. Pebble
 * would otherwise call any public method or read any public field of any object it is given
 * ({@code "a".getClass()}); here no Java method is called and no field is read, whatever the
 * object. It runs before Pebble's own resolver and answers or refuses every attribute, so that
 * one is never reached.
 */
final class ViewResolver implements AttributeResolver {

    @Override
    public ResolvedAttribute resolve(Object instance, Object attribute, Object[] arguments, ArgumentsNode args,
                                     EvaluationContextImpl context, String file, int line) {
        if (instance == null || instance instanceof MacroAttributeProvider) {
            return null;        // Pebble's: null is null (or an error under strict variables); m.macro(…) of an import
        }
        String name = String.valueOf(attribute);
        if (arguments != null) {
            throw new PebbleException(null, "no method can be called in a report template: " + name
                    + "(…) / 报告模板中不能调用方法", line, file);
        }
        if (instance instanceof Map<?, ?> map) {
            if (!map.containsKey(name)) {
                if (context.isStrictVariables()) {
                    throw new PebbleException(null, "no entry " + name + " in this map of the view model"
                            + " / 视图模型中没有 " + name, line, file);
                }
                return new ResolvedAttribute(null);
            }
            return new ResolvedAttribute(map.get(name));
        }
        if (instance instanceof List<?> list && attribute instanceof Number n) {
            long i = n.longValue();
            return new ResolvedAttribute(i >= 0 && i < list.size() ? list.get((int) i) : null);
        }
        if (instance instanceof ForNode.LoopVariables loop) {
            return switch (name) {
                case "index" -> new ResolvedAttribute(loop.getIndex());
                case "first" -> new ResolvedAttribute(loop.isFirst());
                case "last" -> new ResolvedAttribute(loop.isLast());
                case "length" -> new ResolvedAttribute(loop.getLength().intValue());
                case "revindex" -> new ResolvedAttribute(loop.getRevindex().intValue());
                default -> throw new PebbleException(null, "loop has index, first, last, length and revindex, not " + name
                        + " / loop 没有 " + name, line, file);
            };
        }
        if (instance instanceof Map.Entry<?, ?> entry && (name.equals("key") || name.equals("value"))) {
            return new ResolvedAttribute(name.equals("key") ? entry.getKey() : entry.getValue());
        }
        throw new PebbleException(null, "." + name + " of " + kind(instance) + " is refused: a template reads only the"
                + " entries of the view model (use a filter: | length, | upper) / 模板只能读取视图模型中的项", line, file);
    }

    private static String kind(Object o) {
        if (o instanceof CharSequence) {
            return "a text";
        }
        if (o instanceof Number) {
            return "a number";
        }
        if (o instanceof Boolean) {
            return "true or false";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        return "a value that is not a map";
    }
}
