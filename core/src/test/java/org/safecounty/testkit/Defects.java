package org.safecounty.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;

/** Injects one defect into a valid generated submission. */
final class Defects {

    private final SubmissionGenerator generator;

    Defects(SubmissionGenerator generator) {
        this.generator = generator;
    }

    InvalidSubmission inject(Draws d, ObjectNode s, Defect defect) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        return switch (defect) {
            case UNKNOWN_FIELD -> {
                ObjectNode item = ensureItem(s, d, KeyType.COUNT);
                item.put("colour", "red");
                yield at(s, defect, path(evidence, item) + ".colour");
            }
            case UNKNOWN_TOP_LEVEL_FIELD -> {
                s.put("remarks", "none");
                yield at(s, defect, "remarks");
            }
            case UNKNOWN_KEY -> {
                ObjectNode item = ensureItem(s, d, KeyType.COUNT);
                item.put("key", item.get("key").asText() + "_typo");
                yield at(s, defect, path(evidence, item) + ".key");
            }
            case WRONG_TYPE -> {
                ObjectNode item = ensureItem(s, d, d.oneIn(2) ? KeyType.BOOL : KeyType.COUNT);
                if (item.get("value").isBoolean()) {
                    item.put("value", 1);
                } else {
                    item.put("value", true);
                }
                yield at(s, defect, path(evidence, item) + ".value");
            }
            case NEGATIVE_NUMBER -> {
                ObjectNode item = ensureItem(s, d, KeyType.COUNT);
                item.put("value", -1 - d.between(0, 10));
                yield at(s, defect, path(evidence, item) + ".value");
            }
            case PERCENT_ABOVE_100 -> {
                ObjectNode item = ensureItem(s, d, KeyType.PERCENT);
                item.put("value", new BigDecimal("100.01").add(BigDecimal.valueOf(d.between(0, 500), 1)));
                yield at(s, defect, path(evidence, item) + ".value");
            }
            case FRACTIONAL_COUNT -> {
                ObjectNode item = ensureItem(s, d, KeyType.COUNT);
                item.put("value", BigDecimal.valueOf(d.between(0, 1000)).add(new BigDecimal("0.5")));
                yield at(s, defect, path(evidence, item) + ".value");
            }
            case DUPLICATE_ID -> {
                ObjectNode first = ensureItem(s, d, KeyType.COUNT);
                ObjectNode second = ensureItem(s, d, KeyType.BOOL);
                second.put("id", first.get("id").asText());
                int a = index(evidence, first);
                int b = index(evidence, second);
                yield at(s, defect, "evidence[" + Math.max(a, b) + "].id");
            }
            case BAD_DATE -> {
                ObjectNode item = ensureItem(s, d, KeyType.BOOL);
                item.put("date", d.pick(List.of("2014-02-30", "2014-13-01", "20141101", "yesterday")));
                yield at(s, defect, path(evidence, item) + ".date");
            }
            case UNKNOWN_STANDARD -> {
                ((ObjectNode) s.get("assessment")).put("standard", "no-such-standard-" + d.between(0, 99));
                yield at(s, defect, "assessment.standard");
            }
            case UNKNOWN_MODE -> {
                ((ObjectNode) s.get("assessment")).put("mode", d.pick(List.of("REVIEW", "self", "")));
                yield at(s, defect, "assessment.mode");
            }
            case ZERO_POPULATION -> {
                ((ObjectNode) s.get("county")).put("population", 0);
                yield at(s, defect, "county.population");
            }
            case BAD_INCIDENT_LEVEL -> {
                ArrayNode incidents = (ArrayNode) s.get("incidents");
                ObjectNode inc = incidents.addObject();
                inc.put("id", "i-bad");
                inc.put("date", s.get("assessment").get("date").asText());
                inc.put("level", d.pick(List.of("V", "0", "i", "II ")));
                inc.put("kind", "FOOD");
                inc.put("reportedWithinHours", 1);
                yield at(s, defect, "incidents[" + (incidents.size() - 1) + "].level");
            }
            case CONFLICTING_EVIDENCE -> conflict(s, d);
            case RATIO_ABOVE_ONE -> ratioAboveOne(s, d);
        };
    }

    private InvalidSubmission conflict(ObjectNode s, Draws d) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        ObjectNode item = ensureItem(s, d, KeyType.BOOL);
        item.put("verified", true);
        item.put("date", s.get("assessment").get("date").asText());
        ObjectNode twin = item.deepCopy();
        twin.put("id", "e-twin");
        twin.put("value", !item.get("value").asBoolean());
        evidence.add(twin);
        return at(s, Defect.CONFLICTING_EVIDENCE, "evidence[" + (evidence.size() - 1) + "]");
    }

    /** A key with a bound gets a value one above it; the items involved are made to count. */
    private InvalidSubmission ratioAboveOne(ObjectNode s, Draws d) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        String date = s.get("assessment").get("date").asText();
        List<KeySpec> bounded = generator.catalogue().keys().values().stream().filter(k -> k.atMost() != null)
                .filter(k -> k.atMost().terms().stream().noneMatch(Bound.Term::negative)).toList();
        KeySpec spec = d.pick(bounded);
        BigDecimal bound = BigDecimal.ZERO;
        for (Bound.Term t : spec.atMost().terms()) {
            if (t.name().startsWith("county.")) {
                bound = bound.add(s.get("county").get(t.name().substring(7)).decimalValue());
            } else {
                bound = bound.add(onlyCountingItem(evidence, t.name(), date, BigDecimal.valueOf(d.between(0, 100)))
                        .get("value").decimalValue());
            }
        }
        ObjectNode item = onlyCountingItem(evidence, spec.name(), date, BigDecimal.ZERO);
        item.put("value", bound.add(BigDecimal.ONE));
        return at(s, Defect.RATIO_ABOVE_ONE, path(evidence, item) + ".value");
    }

    /**
     * Leaves exactly one item of the key, verified and dated on the assessment date, so that it
     * counts; a key with no item gets one with {@code value}.
     */
    private static ObjectNode onlyCountingItem(ArrayNode evidence, String key, String date, BigDecimal value) {
        List<Integer> drop = new ArrayList<>();
        ObjectNode keep = null;
        for (int i = 0; i < evidence.size(); i++) {
            if (key.equals(evidence.get(i).get("key").asText())) {
                if (keep == null) {
                    keep = (ObjectNode) evidence.get(i);
                } else {
                    drop.add(i);
                }
            }
        }
        for (int i = drop.size() - 1; i >= 0; i--) {
            evidence.remove(drop.get(i));
        }
        if (keep == null) {
            keep = evidence.addObject();
            keep.put("id", "e-" + key);
            keep.put("key", key);
            keep.put("value", value);
        }
        keep.put("date", date);
        keep.put("verified", true);
        return keep;
    }

    private ObjectNode ensureItem(ObjectNode s, Draws d, KeyType type) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        List<ObjectNode> ofType = new ArrayList<>();
        for (JsonNode n : evidence) {
            KeySpec spec = generator.catalogue().keys().get(n.get("key").asText());
            if (spec != null && spec.type() == type) {
                ofType.add((ObjectNode) n);
            }
        }
        if (!ofType.isEmpty()) {
            return d.pick(ofType);
        }
        KeySpec spec = d.pick(generator.keysOfType(type));
        ObjectNode item = evidence.addObject();
        item.put("id", "e-added");
        item.put("key", spec.name());
        if (type == KeyType.BOOL) {
            item.put("value", true);
        } else {
            item.put("value", 1);
        }
        item.put("date", s.get("assessment").get("date").asText());
        item.put("verified", true);
        return item;
    }

    private static int index(ArrayNode evidence, ObjectNode item) {
        for (int i = 0; i < evidence.size(); i++) {
            if (evidence.get(i) == item) {
                return i;
            }
        }
        throw new IllegalArgumentException("item not in evidence");
    }

    private static String path(ArrayNode evidence, ObjectNode item) {
        return "evidence[" + index(evidence, item) + "]";
    }

    private static InvalidSubmission at(ObjectNode s, Defect defect, String path) {
        return new InvalidSubmission(s, defect, path);
    }
}
