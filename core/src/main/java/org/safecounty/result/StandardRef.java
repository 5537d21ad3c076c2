package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The exact rule pack that made a result: id, version and a SHA-256 over its files. A pack that
 * revises another ({@code extends}) names the packs it was laid over, nearest first, each with its
 * own digest: a change to the revision or to any pack beneath it changes one of them.
 */
public record StandardRef(String id, String version, String sha256,
                          @JsonProperty("extends") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StandardRef> bases) {

    public StandardRef {
        bases = bases == null ? List.of() : List.copyOf(bases);
    }

    /** A pack that extends none. */
    public StandardRef(String id, String version, String sha256) {
        this(id, version, sha256, List.of());
    }
}
