package org.safecounty.result;

import java.util.List;

/** A veto that could not be decided, and the keys it lacked. */
public record UndecidedVeto(String id, List<String> missingKeys) {

    public UndecidedVeto {
        missingKeys = List.copyOf(missingKeys);
    }
}
