package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.error.ParserException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where in the HTML a template prints values, read from its source when it is loaded: a print tag
 * ({@code {{ … }}}) is escaped for HTML text and quoted attribute values and for nothing else, so
 * one anywhere else is refused, naming file and line:
 * <ul>
 *   <li>in an unquoted attribute value ({@code title={{ name }}}: a space in the value adds an
 *       attribute) or among a tag's attributes ({@code <p {{ x }}>});</li>
 *   <li>in an event attribute ({@code onclick="…{{ x }}"}: the value is JavaScript);</li>
 *   <li>inside {@code <script>} or {@code <style>} (a backslash in a value escapes the script's quote);</li>
 *   <li>at the start of a URL attribute ({@code href}, {@code src}, {@code action}, {@code formaction}, …:
 *       a value {@code javascript:…} is a script), except the links the view model gives, already
 *       percent-encoded: {@code {{ indexHref }}} and {@code {{ x.href }}}. Printed after a fixed start
 *       ({@code href="page.html?q={{ x | urlencode }}"}) a value cannot change the scheme.</li>
 * </ul>
 * This reads the template file alone: a value printed by a macro or an included template inside a
 * {@code <script>} is not seen here. The Content-Security-Policy every page carries ({@link
 * Templates#render}) is the wall behind it: no script runs and nothing is fetched.
 */
final class Markup {

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "xlink:href",
            "poster", "data", "cite", "background", "srcset", "ping", "manifest", "codebase", "longdesc", "usemap");

    private static final Pattern VIEW_MODEL_LINK = Pattern.compile("\\s*(indexHref|[A-Za-z_][A-Za-z0-9_]*\\.href)\\s*");

    private static final char PRINT = '\u0001';

    private Markup() {
    }

    /** Refuses a print tag of {@code source} where HTML escaping does not make it safe. */
    static void check(String source, String file) {
        char[] masked = source.toCharArray();
        // the template's own tags: {{ }} become PRINT characters, {% %} and {# #} spaces
        for (int i = 0; i + 1 < masked.length; i++) {
            if (masked[i] == '{' && (masked[i + 1] == '{' || masked[i + 1] == '%' || masked[i + 1] == '#')) {
                char kind = masked[i + 1];
                String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
                int end = source.indexOf(close, i + 2);
                end = end < 0 ? masked.length : end + 2;
                for (int j = i; j < end; j++) {
                    if (masked[j] != '\n') {
                        masked[j] = kind == '{' ? PRINT : ' ';
                    }
                }
                if (kind == '{') {
                    masked[i] = '{';       // the start of a print tag, PRINT after it
                }
                i = end - 1;
            }
        }
        String html = new String(masked);
        String lower = html.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '{' && i + 1 < html.length() && html.charAt(i + 1) == PRINT) {
                i++;        // a print tag in element text: escaped, safe
            } else if (lower.startsWith("<!--", i)) {
                int end = lower.indexOf("-->", i + 4);
                i = end < 0 ? html.length() : end + 3;
            } else if (c == '<' && i + 1 < html.length() && Character.isLetter(html.charAt(i + 1))) {
                i = tag(html, lower, i, source, file);
            } else {
                i++;
            }
        }
    }

    /** Reads the tag at {@code start}; returns where the markup after it (or after its script or style) goes on. */
    private static int tag(String html, String lower, int start, String source, String file) {
        int i = start + 1;
        while (i < html.length() && (Character.isLetterOrDigit(html.charAt(i)) || html.charAt(i) == '-' || html.charAt(i) == ':')) {
            i++;
        }
        String element = lower.substring(start + 1, i);
        while (i < html.length() && html.charAt(i) != '>') {
            char c = html.charAt(i);
            if (c == '{' && i + 1 < html.length() && html.charAt(i + 1) == PRINT) {
                throw refused(source, i, file, "a value printed among a tag's attributes (not inside a quoted value) could add"
                        + " attributes such as onmouseover; print it inside quotes: title=\"{{ … }}\"");
            }
            if (Character.isWhitespace(c) || c == '/') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < html.length() && !Character.isWhitespace(html.charAt(i)) && "=>/".indexOf(html.charAt(i)) < 0
                    && html.charAt(i) != '{') {
                i++;
            }
            String name = lower.substring(nameStart, i);
            while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            if (i >= html.length() || html.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < html.length() && Character.isWhitespace(html.charAt(i))) {
                i++;
            }
            if (i >= html.length()) {
                break;
            }
            char quote = html.charAt(i);
            int valueStart;
            int valueEnd;
            if (quote == '"' || quote == '\'') {
                valueStart = i + 1;
                valueEnd = html.indexOf(quote, valueStart);
                valueEnd = valueEnd < 0 ? html.length() : valueEnd;
                i = valueEnd + 1;
            } else {
                valueStart = i;
                while (i < html.length() && !Character.isWhitespace(html.charAt(i)) && html.charAt(i) != '>') {
                    if (html.charAt(i) == '{' && i + 1 < html.length() && html.charAt(i + 1) == PRINT) {
                        throw refused(source, i, file, "a value printed in an unquoted attribute value (" + name + "=) could"
                                + " add attributes such as onmouseover; put the value in quotes: " + name + "=\"{{ … }}\"");
                    }
                    i++;
                }
                continue;
            }
            int print = html.indexOf("{" + PRINT, valueStart);
            if (print < 0 || print >= valueEnd) {
                continue;
            }
            if (name.startsWith("on")) {
                throw refused(source, print, file, "a value printed in the event attribute " + name + " is JavaScript,"
                        + " which values are not escaped for (and no script runs in a report)");
            }
            if (URL_ATTRIBUTES.contains(name) && html.substring(valueStart, print).isBlank()) {
                int end = source.indexOf("}}", print);
                String expression = source.substring(print + 2, end < 0 ? source.length() : end);
                if (!VIEW_MODEL_LINK.matcher(expression).matches()) {
                    throw refused(source, print, file, "a value printed at the start of the link attribute " + name
                            + " could be a javascript: link; print only the view model's links there (indexHref,"
                            + " a row's href), or a value after a fixed start: " + name + "=\"page.html?q={{ x | urlencode }}\"");
                }
            }
        }
        int after = Math.min(i + 1, html.length());
        if (element.equals("script") || element.equals("style")) {
            int close = lower.indexOf("</" + element, after);
            int end = close < 0 ? html.length() : close;
            int print = html.indexOf("{" + PRINT, after);
            if (print >= 0 && print < end) {
                throw refused(source, print, file, "a value printed inside <" + element + "> is " + (element.equals("script")
                        ? "JavaScript" : "CSS") + ", which values are not escaped for (a backslash in it would end the quote"
                        + " around it); print it in the HTML, in an element or a quoted attribute");
            }
            return end;
        }
        return after;
    }

    private static ParserException refused(String source, int at, String file, String why) {
        int line = 1;
        for (int i = 0; i < at && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return new ParserException(null, why + " / 模板在此处输出值不安全，拒绝", line, file);
    }
}
