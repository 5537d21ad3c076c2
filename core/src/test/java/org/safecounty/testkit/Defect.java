package org.safecounty.testkit;

/** One way a submission can break the exchange format or the standard's key catalogue. */
public enum Defect {
    UNKNOWN_FIELD,
    UNKNOWN_TOP_LEVEL_FIELD,
    UNKNOWN_KEY,
    WRONG_TYPE,
    NEGATIVE_NUMBER,
    PERCENT_ABOVE_100,
    FRACTIONAL_COUNT,
    DUPLICATE_ID,
    BAD_DATE,
    UNKNOWN_STANDARD,
    UNKNOWN_MODE,
    ZERO_POPULATION,
    BAD_INCIDENT_LEVEL,
    CONFLICTING_EVIDENCE,
    RATIO_ABOVE_ONE
}
