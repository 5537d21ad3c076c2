package org.safecounty.submission;

/** Who assesses: the county itself, or the province accepting it. */
public enum Mode {
    /** 县自评: the county assesses itself. */
    SELF,
    /** 省验收: the province accepts; a rule pack usually counts verified evidence only. */
    ACCEPTANCE
}
