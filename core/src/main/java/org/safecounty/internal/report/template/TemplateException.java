package org.safecounty.internal.report.template;

import org.safecounty.internal.text.Escape;

/**
 * A report template that cannot be used: it does not parse, it uses what report templates may not
 * (a refused tag or filter, a Java method, a file outside its folder), or rendering it went over a
 * limit. Names the file and, when known, the line.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    TemplateException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The template file: its path in a template folder, or {@code default:NAME} for a bundled one. */
    public String file() {
        return file;
    }

    /** The line, 1 for the first; 0 when not known. */
    public int line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String problem() {
        return problem;
    }

    /** One line for a person, in Chinese and English: {@code 报告模板有误 / report template error: FILE:LINE: PROBLEM}. */
    public String oneLine() {
        return "报告模板有误 / report template error: " + Escape.text(getMessage());
    }
}
