package org.safecounty.internal.report.template;

import org.safecounty.internal.text.Escape;

/**
 * Text made safe for HTML: the only escaping the report templates know. Every value a template
 * prints goes through {@link #escape}, whatever the template says.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /**
     * Escapes text for HTML element content and quoted attribute values ({@code & < > " '});
     * control, bidirectional and line-breaking characters become visible escapes ({@link Escape}).
     * {@code null} is the empty text.
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> Escape.append(out, c);
            }
        }
        return out.toString();
    }
}
