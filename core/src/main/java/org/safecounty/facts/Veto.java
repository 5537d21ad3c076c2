package org.safecounty.facts;

import java.util.List;
import org.safecounty.pack.ItemSpec;

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
        String t = Reading.plain(Reading.decimal(threshold));
        if (reading.below(threshold)) {
            triggered = true;
            note(reading.zh() + " " + reading.display(true) + "，低于 " + t + "，触发否决",
                    reading.en() + " " + reading.display(false) + " is below " + t + ": vetoed");
        } else if (reading.hasValue()) {
            note(reading.zh() + " " + reading.display(true) + " 不低于 " + t,
                    reading.en() + " " + reading.display(false) + " is not below " + t);
        } else {
            needs(reading);
            note(reading.zh() + "：" + reading.display(true), reading.en() + ": " + reading.display(false));
        }
    }

    /** Triggers when the flag is true. */
    public void triggerIfTrue(Reading flag) {
        if (flag.isTrue()) {
            triggered = true;
            note(flag.zh() + "：是，触发否决", flag.en() + ": yes, vetoed");
        } else {
            needs(flag);
            note(flag.zh() + "：" + flag.display(true), flag.en() + ": " + flag.display(false));
        }
    }

    /** Triggers when any of the incidents is listed; they become the veto's evidence. */
    public void triggerIfAny(List<CountedIncident> incidents, String zh, String en) {
        if (incidents.isEmpty()) {
            note(zh + "：没有", en + ": none");
            return;
        }
        triggered = true;
        incidents.forEach(i -> addEvidence(i.id()));
        String ids = String.join(", ", incidents.stream().map(i -> i.id() + "（" + i.level() + "）").toList());
        note(zh + "：" + ids + "，触发否决", en + ": " + ids.replace("（", " (").replace("）", ")") + ", vetoed");
    }

    public VetoState state() {
        if (triggered) {
            return VetoState.TRIGGERED;
        }
        return hasMissing() ? VetoState.UNDECIDED : VetoState.CLEAR;
    }
}
