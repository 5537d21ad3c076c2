package org.safecounty.result;

/**
 * A parameter of the pack that the deciding rule read, with its value: a number
 * ({@link java.math.BigDecimal}), a scale of bands as text ({@code "≥5→3; ≥3→1.5"}) or a list of
 * texts ({@code List<String>}).
 */
public record ParameterUse(String name, Object value) {
}
