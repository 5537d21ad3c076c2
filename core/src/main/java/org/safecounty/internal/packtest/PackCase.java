package org.safecounty.internal.packtest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One test case of a rule pack, as written in {@code tests/*.yaml}: a sentence for a name, the
 * submission it builds and what it expects. A case an overlay inherits names the pack it was
 * written in ({@code from}, {@code null} for the pack's own cases) and whether an overlay adjusted
 * its expectations.
 */
public record PackCase(String file, int index, String name, JsonNode submission, JsonNode expect, String from,
                       boolean adjusted) {

    /** One of the pack's own cases. */
    public PackCase(String file, int index, String name, JsonNode submission, JsonNode expect) {
        this(file, index, name, submission, expect, null, false);
    }

    /** Whether the case was written in a pack beneath the one it runs against. */
    public boolean inherited() {
        return from != null;
    }

    /**
     * How reports name the case: {@code tests/t3-enforcement.yaml #12 name}, or for an inherited
     * case {@code tests/t3-enforcement.yaml (from hebei-fds-county-2014) #12 name}, with
     * {@code , adjusted} when an overlay changed what it expects.
     */
    public String label() {
        String origin = from == null ? "" : " (from " + from + (adjusted ? ", adjusted" : "") + ")";
        return file + origin + " #" + index + " " + name;
    }
}
