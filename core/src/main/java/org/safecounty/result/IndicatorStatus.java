package org.safecounty.result;

/** How an indicator stands. */
public enum IndicatorStatus {
    /** Full points. */
    MET,
    /** Between 0 and full points. */
    PARTIAL,
    /** 0 points. */
    NOT_MET,
    /** A key it needs has no counted evidence. */
    MISSING,
    /** Its denominator is 0: full points (无此项不扣分). */
    NOT_APPLICABLE
}
