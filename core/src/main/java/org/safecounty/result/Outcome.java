package org.safecounty.result;

import java.util.List;

/** What assessing one submission gave: a result, or the problems that rejected it (never both). */
public sealed interface Outcome permits Outcome.Assessed, Outcome.Rejected {

    /** The submission was valid and assessed. */
    record Assessed(AssessmentResult result) implements Outcome {
    }

    /** The submission was rejected; every problem is listed with its path. */
    record Rejected(List<Problem> problems) implements Outcome {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    default boolean assessed() {
        return this instanceof Assessed;
    }
}
