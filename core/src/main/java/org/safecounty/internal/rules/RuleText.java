package org.safecounty.internal.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a condition or a consequence, read the way Java reads them but only as far as
 * the rule language goes: names, string and number literals, a few operators and punctuation;
 * comments are dropped. Anything else is refused with the line it is on.
 */
final class RuleText {

    enum Kind { NAME, STRING, NUMBER, SYMBOL, END, BAD }

    /** A token; a {@code BAD} one carries the reason it is refused in {@code text} ("zh\u0000en"). */
    record Token(Kind kind, String text, int line) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equals(symbol);
        }
    }

    /** A token the rule language does not have. */
    static final class Refused extends Exception {
        final int line;
        final String zh;
        final String en;

        Refused(int line, String zh, String en) {
            super(en);
            this.line = line;
            this.zh = zh;
            this.en = en;
        }
    }

    private static final List<String> SYMBOLS = List.of("==", "!=", ">=", "<=", "&&", "||", "(", ")", ",", ";", ".",
            "=", ">", "<", "!", "{", "}");
    private static final int MAX_TOKENS = 4_000;

    private RuleText() {
    }

    /** The tokens of {@code text}, whose first line is line {@code firstLine} of its file. */
    static List<Token> tokens(String text, int firstLine) throws Refused {
        List<Token> tokens = new ArrayList<>();
        int line = firstLine;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (text.startsWith("//", i)) {
                // Java ends a comment at \r too; the verifier refuses a lone \r before it gets here
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new Refused(line, "注释 /* 没有结束的 */", "a comment /* has no closing */");
                }
                line += count(text, i, end, '\n');
                i = end + 2;
            } else if (c == '"') {
                i = string(text, i, line, tokens);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.'
                        && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line));
            } else if (c == '$' || c == '_' || c < 128 && Character.isLetter(c)) {
                int start = i;
                while (i < text.length() && (text.charAt(i) == '$' || text.charAt(i) == '_'
                        || text.charAt(i) < 128 && Character.isLetterOrDigit(text.charAt(i)))) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i), line));
            } else {
                i = symbol(text, i, line, tokens);
            }
            if (tokens.size() > MAX_TOKENS) {
                throw new Refused(line, "规则过长", "the rule is too long");
            }
        }
        tokens.add(new Token(Kind.END, "", line));
        return tokens;
    }

    /**
     * A string literal. It may not hold a backslash, slash, asterisk or apostrophe: the compiler
     * copies rule text into the Java it generates, where these could end a string or a comment.
     */
    private static int string(String text, int start, int line, List<Token> tokens) throws Refused {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != '"' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            char c = text.charAt(i);
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '"') {
            throw new Refused(line, "字符串缺少结尾的引号 \"", "a string has no closing quote \"");
        }
        String value = text.substring(start + 1, i);
        if (value.chars().anyMatch(c -> c == '\\' || c == '/' || c == '*' || c == '\'')) {
            // refused when the reader reaches it, so that what comes first on the line is named first
            tokens.add(new Token(Kind.BAD, "字符串中不能有 \\ / * ' 这几个字符\u0000a string may not hold \\, /, * or '", line));
        } else {
            tokens.add(new Token(Kind.STRING, value, line));
        }
        return i + 1;
    }

    private static int symbol(String text, int i, int line, List<Token> tokens) throws Refused {
        for (String s : SYMBOLS) {
            if (text.startsWith(s, i)) {
                tokens.add(new Token(Kind.SYMBOL, s, line));
                return i + s.length();
            }
        }
        String shown = new String(Character.toChars(text.codePointAt(i)));
        throw new Refused(line, "规则语言中没有 “" + shown + "”" + fullWidthHint(shown, true),
                "the rule language has no \"" + shown + "\"" + fullWidthHint(shown, false));
    }

    private static String fullWidthHint(String shown, boolean zh) {
        int cp = shown.codePointAt(0);
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            String half = new String(Character.toChars(cp - 0xFEE0));
            return zh ? "：这是全角字符，请改为半角的 " + half : ": a full-width character; write the half-width " + half;
        }
        return "";
    }

    private static int count(String text, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
