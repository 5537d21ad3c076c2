package org.safecounty.result;

/** Why an evidence item (or incident) did not count. */
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
