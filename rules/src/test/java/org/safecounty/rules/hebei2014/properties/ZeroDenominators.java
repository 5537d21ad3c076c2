package org.safecounty.rules.hebei2014.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.testkit.Draws;

/**
 * Rewrites a generated submission so that some ratios have a 0 denominator, the numerator then
 * either counted as 0 or absent (§2, clarified 2026-11: a 0 denominator makes its numerator
 * unnecessary). The ratios are the pack's {@code atMost} bounds: for a numerator bounded by one key
 * or profile field ({@code enf.cases_closed ≤ enf.cases_filed}, {@code org.township_offices ≤
 * county.townships}) that denominator becomes 0; for one bounded by a difference
 * ({@code enf.failed_samples_handled ≤ enf.food_samples − enf.food_samples_passed}) the subtracted
 * key becomes equal to the other (every sample passed). Then every numerator whose bound is now 0 is
 * set to 0 or removed, down the chains ({@code enf.cases_filed} 0 → {@code enf.cases_closed} 0 or
 * absent → {@code enf.penalties_disclosed} 0 or absent), so the evidence stays consistent: no ratio
 * above 1, and no counted numerator above a denominator that a 0 of its own fixes at 0.
 *
 * <p>Every choice is a draw, after the generator's own, so QuickTheories shrinks a failing
 * submission towards fewer rewrites.
 */
final class ZeroDenominators {

    private static final String COUNTY = "county.";

    /** The keys with an {@code atMost} bound, each after the keys its bound reads. */
    private final List<KeySpec> bounded;

    ZeroDenominators(PackCatalogue catalogue) {
        List<KeySpec> left = new ArrayList<>(catalogue.keys().values().stream().filter(k -> k.atMost() != null)
                .toList());
        Set<String> leftNames = new HashSet<>();
        left.forEach(k -> leftNames.add(k.name()));
        List<KeySpec> ordered = new ArrayList<>();
        while (!left.isEmpty()) {
            int before = left.size();
            for (var it = left.iterator(); it.hasNext(); ) {
                KeySpec k = it.next();
                if (k.atMost().keys().stream().noneMatch(leftNames::contains)) {
                    ordered.add(k);
                    leftNames.remove(k.name());
                    it.remove();
                }
            }
            if (left.size() == before) {
                throw new IllegalStateException("circular atMost bounds: " + leftNames);
            }
        }
        this.bounded = List.copyOf(ordered);
    }

    /** The bounded keys, each a numerator whose denominator this can make 0. */
    List<String> numerators() {
        return bounded.stream().map(KeySpec::name).toList();
    }

    /**
     * Rewrites {@code s} in place: each bounded key, with a chance of one in {@code oneIn}, gets a 0
     * bound and is then counted as 0 or removed; then every other key is kept within its bound.
     */
    ObjectNode zero(Draws d, ObjectNode s, int oneIn) {
        Set<String> fixedAtZero = new TreeSet<>();   // removed while their bound is 0: they read as 0
        for (KeySpec k : bounded) {
            if (d.oneIn(oneIn) && zeroBound(s, k.atMost(), fixedAtZero)) {
                zeroOrRemove(d, s, k.name(), fixedAtZero);
            }
        }
        keepWithinBounds(d, s, fixedAtZero);
        return s;
    }

    /**
     * Rewrites {@code s} in place only where a key, absent over a 0 bound of its own, fixes a
     * dependant's bound at 0 ({@code enf.cases_filed} 0, no {@code enf.cases_closed},
     * {@code enf.penalties_disclosed} 5): that dependant is counted 0 or removed.
     */
    ObjectNode keepConsistent(Draws d, ObjectNode s) {
        keepWithinBounds(d, s, new TreeSet<>());
        return s;
    }

    /** Makes the bound 0; false if this bound's shape is not one it can (or a term it needs is absent). */
    private boolean zeroBound(ObjectNode s, Bound bound, Set<String> fixedAtZero) {
        List<String> plus = bound.terms().stream().filter(t -> !t.negative()).map(Bound.Term::name).toList();
        List<String> minus = bound.terms().stream().filter(Bound.Term::negative).map(Bound.Term::name).toList();
        if (plus.size() == 1 && minus.isEmpty()) {
            if (!fixedAtZero.contains(plus.get(0))) {
                set(s, plus.get(0), BigDecimal.ZERO);
            }
            return true;
        }
        if (plus.size() == 1 && minus.size() == 1) {
            Optional<BigDecimal> whole = value(s, plus.get(0), fixedAtZero);
            if (whole.isEmpty()) {
                return false;
            }
            if (!(whole.get().signum() == 0 && fixedAtZero.contains(minus.get(0)))) {
                set(s, minus.get(0), whole.get());   // e.g. every food sample passed: no failed sample
            }
            return true;
        }
        return false;
    }

    /** Every bounded key above its bound is brought to it; at a bound of 0 it is counted 0 or removed. */
    private void keepWithinBounds(Draws d, ObjectNode s, Set<String> fixedAtZero) {
        for (KeySpec k : bounded) {
            Optional<BigDecimal> bound = k.atMost().evaluate(name -> value(s, name, fixedAtZero));
            if (bound.isEmpty()) {
                continue;
            }
            Optional<BigDecimal> own = value(s, k.name(), Set.of());
            if (own.isEmpty()) {
                if (bound.get().signum() == 0) {
                    fixedAtZero.add(k.name());   // absent over a 0 bound: its own dependants read it as 0
                }
                continue;
            }
            if (own.get().compareTo(bound.get()) > 0) {
                if (bound.get().signum() == 0) {
                    zeroOrRemove(d, s, k.name(), fixedAtZero);
                } else {
                    set(s, k.name(), bound.get());
                }
            }
        }
    }

    private static void zeroOrRemove(Draws d, ObjectNode s, String key, Set<String> fixedAtZero) {
        if (d.oneIn(2)) {
            remove(s, key);
            fixedAtZero.add(key);
        } else {
            set(s, key, BigDecimal.ZERO);
            fixedAtZero.remove(key);
        }
    }

    /** The value of a profile field or of the key's items (all items of a bounded or bound key share it). */
    private static Optional<BigDecimal> value(ObjectNode s, String name, Set<String> fixedAtZero) {
        if (name.startsWith(COUNTY)) {
            return Optional.of(s.get("county").get(name.substring(COUNTY.length())).decimalValue());
        }
        for (JsonNode item : s.get("evidence")) {
            if (name.equals(item.get("key").asText())) {
                return Optional.of(item.get("value").decimalValue());
            }
        }
        return fixedAtZero.contains(name) ? Optional.of(BigDecimal.ZERO) : Optional.empty();
    }

    /** Sets a profile field, or every item of the key (adding a verified item dated on the assessment date if none). */
    private static void set(ObjectNode s, String name, BigDecimal value) {
        if (name.startsWith(COUNTY)) {
            ((ObjectNode) s.get("county")).put(name.substring(COUNTY.length()), value.intValueExact());
            return;
        }
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        boolean found = false;
        for (JsonNode item : evidence) {
            if (name.equals(item.get("key").asText())) {
                ((ObjectNode) item).put("value", value);
                found = true;
            }
        }
        if (!found) {
            ObjectNode item = evidence.addObject();
            item.put("id", "e-z-" + name);
            item.put("key", name);
            item.put("value", value);
            item.put("date", s.get("assessment").get("date").asText());
            item.put("verified", true);
        }
    }

    private static void remove(ObjectNode s, String key) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        for (int i = evidence.size() - 1; i >= 0; i--) {
            if (key.equals(evidence.get(i).get("key").asText())) {
                evidence.remove(i);
            }
        }
    }
}
