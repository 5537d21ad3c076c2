package org.safecounty.internal.pack;

/**
 * A rule file's text as the engine reads it: {@link #blanked()} has every comment turned into
 * spaces (its line breaks kept), {@link #masked()} also has the inside of every string turned into
 * {@code _}, so that what is searched for is code, never a comment or a string's content; both
 * keep every character at its place, so a match's offset is the offset in the file. The checks
 * that read rule text for names (items, verdicts, parameters, keys) search it, so that a comment
 * that mentions a name is never taken for a rule that uses it.
 */
public record RuleCode(String blanked, String masked) {

    public static RuleCode of(String text) {
        StringBuilder blanked = new StringBuilder(text);
        StringBuilder masked = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j, text.length());
                for (int k = i + 1; k < j; k++) {
                    masked.setCharAt(k, '_');
                }
                i = j + 1;
            } else if (text.startsWith("//", i) || text.startsWith("/*", i)) {
                int end = text.startsWith("//", i) ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : text.startsWith("//", i) ? end : end + 2;
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) != '\n' && text.charAt(k) != '\r') {
                        blanked.setCharAt(k, ' ');
                        masked.setCharAt(k, ' ');
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return new RuleCode(blanked.toString(), masked.toString());
    }

    /** The content of the string literal whose opening quote is at {@code offset}. */
    public String literal(int offset) {
        int end = blanked.indexOf('"', offset + 1);
        return blanked.substring(offset + 1, end < 0 ? blanked.length() : end);
    }

    /** The line (from 1) of an offset. */
    public int line(int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < blanked.length(); i++) {
            if (blanked.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
