package org.safecounty.result;

/** An evidence item that did not count, and why. */
public record NotAccepted(String evidence, NotAcceptedReason reason) {
}
