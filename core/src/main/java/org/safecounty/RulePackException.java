package org.safecounty;

import java.util.List;
import java.util.stream.Collectors;
import org.safecounty.result.Problem;

/** A rule pack that cannot be used, with every problem found (file, line, both languages). */
public final class RulePackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final transient List<Problem> problems;

    public RulePackException(String origin, List<Problem> problems) {
        super("rule pack " + origin + " has " + problems.size() + " problem(s):\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    /** Where the pack was read from: a folder, or {@code classpath:} and the bundled pack's place. */
    public String origin() {
        return origin;
    }

    public List<Problem> problems() {
        return problems;
    }
}
