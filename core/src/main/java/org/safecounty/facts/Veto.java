package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.List;
import org.safecounty.internal.pack.ItemSpec;
import org.safecounty.result.ExplanationStep.Kind;
import org.safecounty.result.ExplanationStep;
import org.safecounty.result.Label;

/**
 * The worksheet of one veto item (一票否决), matched as {@code Veto(id == "<veto id>")}. A veto is
 * triggered by any of its conditions; not triggered and short of a key it read, it is undecided.
 */
public final class Veto extends Worksheet {

    private final ItemSpec spec;
    private boolean triggered;

    public Veto(ItemSpec spec, CountyFacts facts) {
        super(spec.id(), facts);
        this.spec = spec;
    }

    public ItemSpec spec() {
        return spec;
    }

    /** Triggers when the reading has a value below the threshold. */
    public void triggerIfBelow(Reading reading, Number threshold) {
        BigDecimal t = Reading.decimal(threshold);
        if (reading.below(threshold)) {
            triggered = true;
            explain(ExplanationStep.of(Kind.VETO_BELOW, reading.label(), reading.quantity(), t, null));
        } else if (reading.hasValue()) {
            explain(ExplanationStep.of(Kind.VETO_NOT_BELOW, reading.label(), reading.quantity(), t, null));
        } else {
            needs(reading);
            explain(ExplanationStep.of(Kind.VETO_STATED, reading.label(), reading.quantity(), null, null));
        }
    }

    /** Triggers when the flag is true. */
    public void triggerIfTrue(Reading flag) {
        if (flag.isTrue()) {
            triggered = true;
            explain(ExplanationStep.of(Kind.VETO_YES, flag.label()));
        } else {
            needs(flag);
            explain(ExplanationStep.of(Kind.VETO_STATED, flag.label(), flag.quantity(), null, null));
        }
    }

    /** Triggers when any of the incidents is listed; they become the veto's evidence. */
    public void triggerIfAny(List<CountedIncident> incidents, String zh, String en) {
        if (incidents.isEmpty()) {
            explain(ExplanationStep.of(Kind.VETO_NONE, Label.text(zh, en)));
            return;
        }
        triggered = true;
        incidents.forEach(i -> addEvidence(i.id()));
        explain(new ExplanationStep(Kind.VETO_LISTED, Label.text(zh, en), null, null, null, null,
                incidents.stream().map(i -> new ExplanationStep.Incident(i.id(), i.level())).toList()));
    }

    public VetoState state() {
        if (triggered) {
            return VetoState.TRIGGERED;
        }
        return hasMissing() ? VetoState.UNDECIDED : VetoState.CLEAR;
    }
}
