package org.safecounty.cli;

import org.safecounty.RulePack;
import org.safecounty.internal.text.Escape;
import org.safecounty.internal.report.HtmlReport;

/**
 * What every output a person reads says of a pack loaded from a folder ({@code --rules DIR},
 * {@code diff --from DIR}): it is not the bundled pack of its id, so its id and version are
 * followed by "本地修改 modified", the folder and the SHA-256 that results name it by. JSON needs
 * no note: each result's {@code standard.sha256} is that digest.
 */
final class PackNote {

    private PackNote() {
    }

    /**
     * One line, {@code 规则包 rule pack: ID VERSION 本地修改 modified · DIR · sha256 HEX} (or one
     * language of it), made safe for a terminal.
     */
    static String line(RulePack pack, Language lang) {
        return Escape.text(lang.label("规则包", "rule pack") + (lang == Language.ZH ? "：" : ": ") + pack.id() + " " + pack.version() + " "
                + lang.label("本地修改", "modified") + " · " + pack.origin() + " · sha256 " + pack.standard().sha256());
    }

    /** A Markdown paragraph with the line, before the first county. */
    static String markdown(RulePack pack, Language lang) {
        return "> " + line(pack, lang).replace("*", "\\*").replace("_", "\\_") + "\n\n";
    }

    /** The page with the line as its first paragraph, right after {@code <body>}. */
    static String html(String page, RulePack pack, Language lang) {
        int body = page.indexOf("<body>");
        if (body < 0) {
            return page;
        }
        int at = body + "<body>".length();
        if (page.startsWith("\n", at)) {
            at++;
        }
        return page.substring(0, at) + "<p class=\"muted\" id=\"local-pack\">" + HtmlReport.esc(line(pack, lang)) + "</p>\n"
                + page.substring(at);
    }
}
