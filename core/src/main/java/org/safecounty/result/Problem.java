package org.safecounty.result;

import java.util.Objects;

/**
 * One thing wrong with a submission or a rule pack, at a place a person can find.
 *
 * @param path where: a JSON path into the submission ({@code evidence[3].value}) or a file and
 *             line of a rule pack ({@code rules/t1-organisation.drl:12})
 * @param code a stable machine-readable code such as {@code UNKNOWN_FIELD}
 * @param zh   the message in Chinese
 * @param en   the message in English
 */
public record Problem(String path, String code, String zh, String en) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** Both languages in one line, Chinese first, as the command line prints it. */
    public String message() {
        return zh + " / " + en;
    }

    @Override
    public String toString() {
        return path + ": " + message();
    }
}
