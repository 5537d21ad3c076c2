package org.safecounty.facts;

import java.math.BigDecimal;
import org.safecounty.internal.pack.IndicatorSpec;

/** The worksheet of one indicator, matched in rules as {@code Indicator(id == "<indicator id>")}. */
public final class Indicator extends Scored {

    private final IndicatorSpec spec;

    public Indicator(IndicatorSpec spec, CountyFacts facts) {
        super(spec.id(), facts);
        this.spec = spec;
    }

    public IndicatorSpec spec() {
        return spec;
    }

    public BigDecimal getMax() {
        return spec.max();
    }

    public String getTask() {
        return spec.task();
    }
}
