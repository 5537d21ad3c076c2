package org.safecounty.result;

/** The outcome of an assessment (§7 of a standard decides which). */
public enum Verdict {
    /** 优秀. */
    EXCELLENT,
    /** 达标. */
    PASS,
    /** 不达标. */
    FAIL,
    /** 否决: a veto item is triggered. */
    VETOED,
    /** 材料不全: a veto cannot be decided for lack of evidence. */
    INCOMPLETE;

    /** True for the verdicts that pass. */
    public boolean passes() {
        return this == EXCELLENT || this == PASS;
    }
}
