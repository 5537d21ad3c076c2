package org.safecounty.internal.pack;

import java.util.List;

/**
 * Survey validity: the {@code keys} count only if {@code respondentsKey} counts and reaches the
 * number held by the parameter {@code minimumParameter}.
 */
public record SurveySpec(String respondentsKey, String minimumParameter, List<String> keys) {

    public SurveySpec {
        keys = List.copyOf(keys);
    }
}
