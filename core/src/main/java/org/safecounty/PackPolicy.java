package org.safecounty;

import java.util.Set;

/**
 * Which rule packs may be loaded. By default any pack whose files match its manifest (if it has
 * one); for production, only packs whose manifest digest the provincial office approved.
 *
 * @param approvedDigests SHA-256 digests of approved {@code MANIFEST.sha256} files; empty: any
 */
public record PackPolicy(Set<String> approvedDigests) {

    public PackPolicy {
        approvedDigests = Set.copyOf(approvedDigests);
    }

    /** Any pack, as long as its files match its manifest when it has one. */
    public static PackPolicy any() {
        return new PackPolicy(Set.of());
    }

    /** Only packs with a manifest whose digest is one of these. */
    public static PackPolicy approved(Set<String> digests) {
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("an approved-only policy needs at least one digest");
        }
        return new PackPolicy(digests);
    }

    public boolean approvedOnly() {
        return !approvedDigests.isEmpty();
    }
}
