package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Verdict;

/** Doing better never scores worse, and stricter lines never pass more (§3, §4, §7). */
class MonotonicityTest {

    static final Hebei2014 H = Hebei2014.load();

    /** Keys where more is not better: their improvement is going down, or there is none. */
    static final Set<String> LESS_IS_BETTER = Set.of("enf.school_zone_violations");
    static final Set<String> NO_IMPROVEMENT = Set.of("integrity.falsified_material");

    @Test
    void improvingOneMeasureTowardsItsTargetNeverLowersAnIndicatorNorTheTotal() {
        List<KeySpec> improvable = H.pack.catalogue().keys().values().stream()
                .filter(k -> !NO_IMPROVEMENT.contains(k.name()) && !isBoundOfAnother(k.name())).toList();
        AtomicInteger compared = new AtomicInteger();
        Hebei2014.qt().forAll(H.submissions(), SourceDSL.arbitrary().pick(improvable)).checkAssert((s, key) -> {
            Optional<ObjectNode> better = improve(s, key);
            if (better.isEmpty()) {
                return;
            }
            compared.incrementAndGet();
            AssessmentResult before = H.assess(s);
            AssessmentResult after = H.assess(better.get());
            assertTrue(after.totalScore().compareTo(before.totalScore()) >= 0,
                    key.name() + ": total " + before.totalScore() + " → " + after.totalScore());
            for (IndicatorResult i : before.indicators()) {
                assertTrue(after.indicator(i.id()).score().compareTo(i.score()) >= 0,
                        key.name() + ": " + i.id() + " " + i.score() + " → " + after.indicator(i.id()).score());
            }
        });
        assertTrue(compared.get() > 50, "most draws could be improved, only " + compared.get() + " were");
    }

    @Test
    void addingCountedEvidenceForAMissingKeyNeverLowersTheTotal() {
        AtomicInteger tried = new AtomicInteger();
        AtomicInteger compared = new AtomicInteger();
        Hebei2014.qt().forAll(H.submissions(), SourceDSL.integers().between(0, 100), SourceDSL.integers().between(0, 100))
                .checkAssert((s, which, percent) -> {
            List<KeySpec> missing = H.pack.catalogue().keys().values().stream()
                    .filter(k -> k.absentMeans() == null && !hasKey(s, k.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            KeySpec key = missing.get(which % missing.size());
            tried.incrementAndGet();
            ObjectNode more = s.deepCopy();
            ObjectNode item = ((ArrayNode) more.get("evidence")).addObject();
            item.put("id", "e-added");
            item.put("key", key.name());
            putValue(item, key, addedValue(s, key, percent));
            item.put("date", s.get("assessment").get("date").asText());
            item.put("verified", true);
            Outcome outcome = H.assessor.assess(more.toString());
            if (!outcome.assessed()) {
                return;   // the added value broke a bound: not a valid submission to compare
            }
            compared.incrementAndGet();
            AssessmentResult before = H.assess(s);
            AssessmentResult after = ((Outcome.Assessed) outcome).result();
            assertTrue(after.totalScore().compareTo(before.totalScore()) >= 0,
                    key.name() + ": total " + before.totalScore() + " → " + after.totalScore());
        });
        assertTrue(compared.get() > 30 && compared.get() > tried.get() / 2,
                "added items mostly valid: " + compared + " of " + tried);
    }

    @Test
    void raisingThePassLineNeverTurnsAFailIntoAPass() {
        RulePack stricter = H.edited("parameters.yaml", "ref: \"§7\"\n  value: 90", "ref: \"§7\"\n  value: 95");
        assertNotEquals(H.pack.standard().sha256(), stricter.standard().sha256());
        Assessor strict = Assessor.of(stricter);
        Hebei2014.qt().forAll(H.submissions()).checkAssert(s -> {
            Verdict at90 = H.assess(s).verdict();
            Verdict at95 = Hebei2014.assess(strict, s).verdict();
            if (at90.code().equals("FAIL")) {
                assertEquals("FAIL", at95.code(), "FAIL at 90 became " + at95);
            }
            if (at95.passes()) {
                assertTrue(at90.passes(), at95 + " at 95 but " + at90 + " at 90");
            }
        });
    }

    static boolean isBoundOfAnother(String key) {
        return H.pack.catalogue().keys().values().stream().filter(k -> k.atMost() != null)
                .anyMatch(k -> k.atMost().keys().contains(key));
    }

    /** The same submission with every item of the key one step better, if that stays valid. */
    static Optional<ObjectNode> improve(ObjectNode s, KeySpec key) {
        ObjectNode better = s.deepCopy();
        boolean changed = false;
        for (JsonNode n : better.get("evidence")) {
            if (!key.name().equals(n.get("key").asText())) {
                continue;
            }
            ObjectNode item = (ObjectNode) n;
            Optional<Object> next = step(s, key, item.get("value"));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            putValue(item, key, next.get());
            changed = true;
        }
        return changed ? Optional.of(better) : Optional.empty();
    }

    private static Optional<Object> step(ObjectNode s, KeySpec key, JsonNode value) {
        if (key.type() == KeyType.BOOL) {
            return value.asBoolean() ? Optional.empty() : Optional.of(true);
        }
        BigDecimal v = value.decimalValue();
        if (LESS_IS_BETTER.contains(key.name())) {
            return v.signum() > 0 ? Optional.of(v.subtract(BigDecimal.ONE)) : Optional.empty();
        }
        BigDecimal unit = key.type() == KeyType.COUNT ? BigDecimal.ONE : new BigDecimal("0.5");
        BigDecimal next = v.add(unit);
        if (key.type() == KeyType.PERCENT && next.compareTo(BigDecimal.valueOf(100)) > 0) {
            return Optional.empty();
        }
        if (key.atMost() != null) {
            Optional<BigDecimal> bound = key.atMost().evaluate(name -> firstValue(s, name));
            if (bound.isEmpty() || next.compareTo(bound.get()) > 0) {
                return Optional.empty();
            }
        }
        return Optional.of(next);
    }

    /** For an added key: 0 where it lowers another's bound, plenty where it is a bound, else a share of its own. */
    private static Object addedValue(ObjectNode s, KeySpec key, int percent) {
        if (key.type() == KeyType.BOOL) {
            return percent % 2 == 0;
        }
        if (key.type() == KeyType.PERCENT) {
            return BigDecimal.valueOf(percent);
        }
        Set<String> negative = new HashSet<>();
        Set<String> positive = new HashSet<>();
        H.pack.catalogue().keys().values().stream().filter(k -> k.atMost() != null).forEach(k -> {
            for (Bound.Term t : k.atMost().terms()) {
                (t.negative() ? negative : positive).add(t.name());
            }
        });
        if (negative.contains(key.name())) {
            return BigDecimal.ZERO;
        }
        if (positive.contains(key.name())) {
            return BigDecimal.valueOf(100_000 + percent);
        }
        if (key.atMost() != null) {
            return key.atMost().evaluate(name -> firstValue(s, name))
                    .map(b -> b.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 0,
                            java.math.RoundingMode.DOWN))
                    .orElse(BigDecimal.valueOf(percent));
        }
        return BigDecimal.valueOf(percent);
    }

    static Optional<BigDecimal> firstValue(ObjectNode s, String name) {
        if (name.startsWith("county.")) {
            return Optional.of(s.get("county").get(name.substring(7)).decimalValue());
        }
        for (JsonNode n : s.get("evidence")) {
            if (name.equals(n.get("key").asText()) && n.get("value").isNumber()) {
                return Optional.of(n.get("value").decimalValue());
            }
        }
        return Optional.empty();
    }

    static boolean hasKey(ObjectNode s, String key) {
        for (JsonNode n : s.get("evidence")) {
            if (key.equals(n.get("key").asText())) {
                return true;
            }
        }
        return false;
    }

    static void putValue(ObjectNode item, KeySpec key, Object value) {
        if (value instanceof Boolean b) {
            item.put("value", b);
        } else {
            item.put("value", (BigDecimal) value);
        }
    }
}
