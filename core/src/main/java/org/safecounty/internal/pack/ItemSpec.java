package org.safecounty.internal.pack;

/** A bonus item or a veto item of the catalogue. */
public record ItemSpec(String id, String zh, String en) {
}
