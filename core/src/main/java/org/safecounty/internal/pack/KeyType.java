package org.safecounty.internal.pack;

/** The value types of the key catalogue. */
public enum KeyType {
    /** true or false. */
    BOOL,
    /** a whole number ≥ 0. */
    COUNT,
    /** a number from 0 to 100. */
    PERCENT,
    /** a number ≥ 0. */
    NUMBER
}
