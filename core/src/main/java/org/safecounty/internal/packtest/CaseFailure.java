package org.safecounty.internal.packtest;

/** One expectation of a case that the pack did not meet. */
public record CaseFailure(String what, String expected, String actual) {

    @Override
    public String toString() {
        return what + ": expected " + expected + ", got " + actual;
    }
}
