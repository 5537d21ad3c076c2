package org.safecounty.facts;

/** What a veto rule decided. */
public enum VetoState {
    /** The veto is triggered: the verdict is VETOED. */
    TRIGGERED,
    /** The veto cannot be decided: evidence it needs is missing. */
    UNDECIDED,
    /** The veto is decided and not triggered. */
    CLEAR
}
