package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The exact rule pack that made a result: id, version and a SHA-256 over its files, and the
 * standard's name in Chinese and English when the pack gives one ({@code zh}, {@code en} of its
 * {@code pack.yaml}; {@code ""} and left out of JSON when it does not). A pack that revises another
 * ({@code extends}) names the packs it was laid over, nearest first, each with its own digest: a
 * change to the revision or to any pack beneath it changes one of them.
 */
public record StandardRef(String id, String version, String sha256,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) String zh,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) String en,
                          @JsonProperty("extends") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StandardRef> bases) {

    public StandardRef {
        zh = zh == null ? "" : zh;
        en = en == null ? "" : en;
        bases = bases == null ? List.of() : List.copyOf(bases);
    }

    /** A pack without a name that extends none. */
    public StandardRef(String id, String version, String sha256) {
        this(id, version, sha256, "", "", List.of());
    }
}
