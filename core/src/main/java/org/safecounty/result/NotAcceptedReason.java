package org.safecounty.result;

/** Why an evidence item did not count. (Incidents outside their window are simply not counted.) */
public enum NotAcceptedReason {
    /** Not verified, in a mode that counts verified evidence only. */
    UNVERIFIED,
    /** Dated outside its window. */
    OUT_OF_WINDOW,
    /** A later item of the same key counts instead. */
    SUPERSEDED,
    /** A survey key without enough respondents. */
    INVALID_SURVEY
}
