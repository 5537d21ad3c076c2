package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the standard that rules read by name: {@code params.number("<name>")}.
 * Immutable and shared by every assessment of a pack.
 */
public final class Parameters {

    private final Map<String, Parameter> byName;

    public Parameters(Map<String, Parameter> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public BigDecimal number(String name) {
        Parameter p = get(name);
        if (p.number() == null) {
            throw new IllegalArgumentException("parameter " + name + " is not a number");
        }
        return p.number();
    }

    public List<Band> bands(String name) {
        Parameter p = get(name);
        if (p.bands() == null) {
            throw new IllegalArgumentException("parameter " + name + " is not a list of bands");
        }
        return p.bands();
    }

    public List<String> texts(String name) {
        Parameter p = get(name);
        if (p.texts() == null) {
            throw new IllegalArgumentException("parameter " + name + " is not a list of texts");
        }
        return p.texts();
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Map<String, Parameter> all() {
        return byName;
    }

    private Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter " + name);
        }
        return p;
    }
}
