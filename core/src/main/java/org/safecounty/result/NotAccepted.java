package org.safecounty.result;

/** An evidence item or incident that did not count, and why. */
public record NotAccepted(String evidence, NotAcceptedReason reason) {
}
