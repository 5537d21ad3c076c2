package org.safecounty.packtest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One test case of a rule pack, as written in {@code tests/*.yaml}: a sentence for a name, the
 * submission it builds and what it expects.
 */
public record PackCase(String file, int index, String name, JsonNode submission, JsonNode expect) {
}
