package org.safecounty.facts;

import org.safecounty.internal.pack.ItemSpec;

/** The worksheet of one optional action (自选动作), matched as {@code BonusItem(id == "B1")}. */
public final class BonusItem extends Scored {

    private final ItemSpec spec;

    public BonusItem(ItemSpec spec, CountyFacts facts) {
        super(spec.id(), facts);
        this.spec = spec;
    }

    public ItemSpec spec() {
        return spec;
    }
}
