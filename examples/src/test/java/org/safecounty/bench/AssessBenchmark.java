package org.safecounty.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.safecounty.result.Outcome;
import org.safecounty.rules.hebei2014.PlainScorer;

/**
 * One county at a time: through the rule pack, from the domain model and from JSON, and through
 * the plain-Java scorer of the same standard (the floor), on the same 172 counties.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AssessBenchmark {

    @Benchmark
    public Outcome engine(Counties c, Counties.Cursor k) {
        return c.assessor.assess(c.submissions.get(k.next(c.submissions.size())));
    }

    @Benchmark
    public Outcome engineFromJson(Counties c, Counties.Cursor k) {
        return c.assessor.assess(c.jsons.get(k.next(c.jsons.size())));
    }

    @Benchmark
    public PlainScorer.Score floor(Counties c, Counties.Cursor k) {
        return c.floor.score(c.submissions.get(k.next(c.submissions.size())));
    }
}
