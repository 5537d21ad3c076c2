package org.safecounty.cli;

import java.io.PrintWriter;
import java.util.List;
import org.safecounty.internal.text.Escape;

/**
 * A mistake of the person running the command, not of the program: what is wrong, in Chinese and
 * English, at a place they can find (a file, a folder, an option), and the exit status it gives.
 * The top of the command line prints it as one line (and the lines of {@code details}, such as a
 * pack's problems with file and line), never as a stack trace.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String place;
    private final String zh;
    private final String en;
    private final List<String> details;

    UserError(int status, String place, String zh, String en, List<String> details, Throwable cause) {
        super((place.isEmpty() ? "" : place + ": ") + zh + " / " + en, cause, false, false);
        this.status = status;
        this.place = place;
        this.zh = zh;
        this.en = en;
        this.details = List.copyOf(details);
    }

    /** A usage error (exit status 64): a bad option or argument, a pack that cannot be used, an unusable output. */
    static UserError usage(String place, String zh, String en) {
        return new UserError(ExitStatus.USAGE, place, zh, en, List.of(), null);
    }

    /**
     * A usage error from a message that already names its place and carries both languages as
     * {@code 中文 / English} (the library's configuration errors).
     */
    static UserError usage(String zhSlashEn) {
        int slash = zhSlashEn.indexOf(" / ");
        return slash < 0 ? usage("", zhSlashEn, zhSlashEn)
                : usage("", zhSlashEn.substring(0, slash), zhSlashEn.substring(slash + 3));
    }

    /** A usage error caused by {@code cause}, whose trace {@code --debug} shows. */
    static UserError usage(String place, String zh, String en, Throwable cause) {
        return new UserError(ExitStatus.USAGE, place, zh, en, List.of(), cause);
    }

    /** The same error with lines below it (each a problem with its place, in both languages). */
    UserError withDetails(List<String> lines) {
        return new UserError(status, place, zh, en, lines, getCause());
    }

    int status() {
        return status;
    }

    /** The one line: {@code PLACE: 中文 / English}, in the language asked for, made safe for a terminal. */
    String line(Language lang) {
        return (place.isEmpty() ? "" : Escape.text(place) + ": ") + Escape.text(lang.say(zh, en));
    }

    /** Prints the line and any details. */
    void print(PrintWriter err, Language lang) {
        err.println(line(lang));
        details.forEach(d -> err.println("  " + Escape.text(lang.pick(d))));
        err.flush();
    }
}
