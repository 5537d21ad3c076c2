package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A verdict level of the pack that assessed the county (§7 of a standard decides which): its
 * {@code code} as the rules and the exchange format name it, its names, and whether it passes.
 * The levels, their order and their conditions belong to the pack ({@code pack.yaml},
 * {@code verdicts}), not to this library.
 *
 * @param code   upper-case code, e.g. {@code PASS}; what the result JSON carries
 * @param zh     its Chinese name, e.g. 达标
 * @param en     its English name
 * @param passes whether a county at this level passes (a passing county has no rectification list)
 */
public record Verdict(String code, String zh, String en, boolean passes) {

    public Verdict {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    /** The code, as the result JSON writes it. */
    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
