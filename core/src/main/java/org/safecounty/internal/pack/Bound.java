package org.safecounty.internal.pack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upper bound written in the key catalogue as a sum of keys or county fields, for example
 * {@code a.taken - a.passed} or {@code county.townships}.
 */
public record Bound(String text, List<Term> terms) {

    private static final Pattern TERM = Pattern.compile("\\s*([+-])?\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*");

    /** One key or county field, added or subtracted. */
    public record Term(boolean negative, String name) {
    }

    public Bound {
        terms = List.copyOf(terms);
    }

    /** Parses {@code a - b + c}; empty when the text is not of that form. */
    public static Optional<Bound> parse(String text) {
        List<Term> terms = new ArrayList<>();
        Matcher m = TERM.matcher(text);
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            boolean first = terms.isEmpty();
            if (!first && m.group(1) == null) {
                return Optional.empty();
            }
            terms.add(new Term("-".equals(m.group(1)), m.group(2)));
            at = m.end();
        }
        return at == text.length() && !terms.isEmpty() ? Optional.of(new Bound(text.strip(), terms)) : Optional.empty();
    }

    /** The bound's value, or empty when any of its terms has no value. */
    public Optional<BigDecimal> evaluate(Function<String, Optional<BigDecimal>> valueOf) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Term t : terms) {
            Optional<BigDecimal> v = valueOf.apply(t.name());
            if (v.isEmpty()) {
                return Optional.empty();
            }
            sum = t.negative() ? sum.subtract(v.get()) : sum.add(v.get());
        }
        return Optional.of(sum);
    }

    /** Whether the bound has {@code name} as a term of this sign. */
    public boolean hasTerm(String name, boolean negative) {
        return terms.stream().anyMatch(t -> t.name().equals(name) && t.negative() == negative);
    }

    /** The bound less every term of {@code name}. */
    public Bound without(String name) {
        return new Bound(text, terms.stream().filter(t -> !t.name().equals(name)).toList());
    }

    /** The names of keys (not county fields) the bound reads. */
    public List<String> keys() {
        return terms.stream().map(Term::name).filter(n -> !n.startsWith("county.")).toList();
    }
}
