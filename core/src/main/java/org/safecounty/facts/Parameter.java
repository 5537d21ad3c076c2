package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * A named figure of the standard, as policy staff write it in the pack's {@code parameters.yaml}.
 * Exactly one of {@code number}, {@code bands} and {@code texts} is set.
 */
public record Parameter(String name, String zh, String en, String reference,
                        BigDecimal number, List<Band> bands, List<String> texts) {

    public Parameter {
        bands = bands == null ? null : List.copyOf(bands);
        texts = texts == null ? null : List.copyOf(texts);
    }
}
