package org.safecounty.internal.report;

import java.util.Locale;

/** The language of a report: Chinese (the default) or English. */
public enum Lang {
    ZH("zh-CN"),
    EN("en");

    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag, for {@code <html lang>}. */
    public String tag() {
        return tag;
    }

    /** The text in this language. */
    public String t(String zh, String en) {
        return this == ZH ? zh : en;
    }

    /** {@code zh} or {@code en}, case-insensitive. */
    public static Lang parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "cn" -> ZH;
            case "en", "en-gb", "en-us" -> EN;
            default -> throw new IllegalArgumentException("unknown language " + text + " (zh or en)");
        };
    }
}
