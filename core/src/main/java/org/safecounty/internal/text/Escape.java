package org.safecounty.internal.text;

/**
 * Makes text from a submission or a file name safe to show: characters that could forge what a
 * reader sees become visible escapes. Every report and every line the command line prints passes
 * submission strings (county name, code, city, evidence ids, document numbers, file names, problem
 * messages quoting them) through here.
 *
 * <p>Escaped, each as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}:
 * <ul>
 *   <li>C0 controls (U+0000–U+001F, among them newline, carriage return, tab and the terminal's
 *       escape U+001B), DEL (U+007F) and C1 controls (U+0080–U+009F, among them NEL U+0085);</li>
 *   <li>bidirectional controls: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069;</li>
 *   <li>the line and paragraph separators U+2028 and U+2029.</li>
 * </ul>
 * A name can therefore not start a new line (a forged {@code VERDICT:} line), clear or recolour
 * the terminal, or reorder the text around it. Everything else, Chinese included, is left as it
 * is. The escaping is for display: a backslash is not doubled, so it cannot be undone exactly;
 * JSON output keeps the exact text.
 */
public final class Escape {

    private Escape() {
    }

    /** Whether the character is shown as an escape. */
    public static boolean escaped(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069'
                || c == '\u2028' || c == '\u2029';
    }

    /** The text with every {@linkplain #escaped escaped} character made visible; {@code "null"} for null. */
    public static String text(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !escaped(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            append(out, s.charAt(i));
        }
        return out.toString();
    }

    /** Appends the character, as its escape when it is one of the {@linkplain #escaped escaped} ones. */
    public static StringBuilder append(StringBuilder out, char c) {
        if (!escaped(c)) {
            return out.append(c);
        }
        return switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(String.format("\\u%04X", (int) c));
        };
    }
}
