package org.safecounty.rules.hebei2014.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.RectificationStep;

/**
 * §9 (clarified 2026-11): every gain the rectification list names for a key item under its floor
 * can be earned. Each plan is carried out on the submission and the county assessed again: the
 * key item reaches its floor and gains exactly what the list said, with the evidence still
 * consistent; and each step is the least that does it, since one unit less (or leaving a yes/no
 * step out) stays under the floor or leaves the evidence inconsistent.
 */
class ReachableGainTest {

    static final Hebei2014 H = Hebei2014.load();
    static final BigDecimal LEAST_PERCENT_STEP = new BigDecimal("0.0001");

    @Test
    void everyStepOfAKeyItemUnderItsFloorEarnsWhatItSaysAndNoLessWouldDo() {
        AtomicInteger plans = new AtomicInteger();
        AtomicInteger multiStep = new AtomicInteger();
        AtomicInteger noPlan = new AtomicInteger();
        Hebei2014.qt(Integer.getInteger("safecounty.properties.examples", 150) * 4).forAll(H.submissions())
                .checkAssert(s -> {
                    AssessmentResult before = H.assess(s);
                    for (RectificationItem item : before.rectification()) {
                        if (!item.kind().equals("KEY_ITEM_BELOW_FLOOR") || ratioOnly(item)) {
                            continue;
                        }
                        if (item.steps().isEmpty()) {
                            noPlan.incrementAndGet();
                            assertEquals(0, item.gain().compareTo(before.indicator(item.indicator()).max()
                                    .subtract(before.indicator(item.indicator()).score())), "without steps: full marks");
                            continue;
                        }
                        plans.incrementAndGet();
                        if (item.steps().size() > 1) {
                            multiStep.incrementAndGet();
                        }
                        check(s, before, item);
                    }
                });
        assertTrue(plans.get() > 100, "only " + plans.get() + " key items under their floor were drawn");
        assertTrue(multiStep.get() > 0, "no plan of more than one step was drawn");
        // a plan is missing only where no single key value can be consistent (a numerator already
        // above every value its missing denominator may take), which the generator rarely draws
        assertTrue(noPlan.get() * 50 < plans.get(), noPlan.get() + " items without a plan, " + plans.get() + " with");
    }

    private static void check(ObjectNode s, AssessmentResult before, RectificationItem item) {
        String id = item.indicator();
        BigDecimal old = before.indicator(id).score();
        BigDecimal floor = old.add(item.needs());
        AssessmentResult after = assessWith(s, item.steps(), -1);
        BigDecimal now = after.indicator(id).score();
        assertEquals(0, old.add(item.gain()).compareTo(now),
                id + ": said +" + item.gain() + " from " + old + ", got " + now + " " + item + "\n" + s);
        assertTrue(now.compareTo(floor) >= 0, id + ": " + now + " is still under " + floor + " " + item);
        BigDecimal stepGains = item.steps().stream().map(RectificationStep::gain).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, stepGains.compareTo(item.gain()), id + ": the steps' gains do not add up to the item's " + item);
        for (int n = 0; n < item.steps().size(); n++) {
            AssessmentResult less = assessWith(s, item.steps(), n);
            if (less == null) {
                continue; // one unit less would make the evidence inconsistent: the step is the least that counts
            }
            assertTrue(less.indicator(id).score().compareTo(floor) < 0, id + ": step " + item.steps().get(n)
                    + " is more than needed: one unit less still reaches " + floor + " " + item + "\n" + s);
        }
    }

    /** Whether the plan names only ratios over a missing denominator, which no single key value carries out. */
    private static boolean ratioOnly(RectificationItem item) {
        return item.steps().stream().anyMatch(st -> st.action().equals("RAISE_RATIO_TO"));
    }

    /** The submission with every step carried out; step {@code weakened} one unit short (or left out). */
    private static AssessmentResult assessWith(ObjectNode s, List<RectificationStep> steps, int weakened) {
        ObjectNode changed = s.deepCopy();
        for (int n = 0; n < steps.size(); n++) {
            RectificationStep step = steps.get(n);
            Object value = valueOf(step, n == weakened);
            if (value != null) {
                setCounted(changed, step.key(), value);
            }
        }
        Outcome outcome = H.assessor.assess(changed.toString());
        if (outcome instanceof Outcome.Assessed a) {
            return a.result();
        }
        if (weakened >= 0) {
            return null;
        }
        throw new AssertionError("carrying out " + steps + " made the submission invalid: "
                + ((Outcome.Rejected) outcome).problems() + "\n" + changed);
    }

    private static Object valueOf(RectificationStep step, boolean weakened) {
        boolean whole = H.pack.catalogue().keys().get(step.key()).type() == KeyType.COUNT;
        BigDecimal unit = whole ? BigDecimal.ONE : LEAST_PERCENT_STEP;
        return switch (step.action()) {
            case "SET_TRUE" -> weakened ? null : Boolean.TRUE;
            case "RAISE_TO", "SUPPLY_AT_LEAST" -> weakened ? step.target().subtract(unit) : step.target();
            case "REDUCE_TO" -> weakened ? step.target().add(unit) : step.target();
            default -> throw new AssertionError("unexpected action " + step);
        };
    }

    /** Makes {@code value} the only item of {@code key}: dated on the assessment date and verified. */
    private static void setCounted(ObjectNode s, String key, Object value) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        for (Iterator<JsonNode> it = evidence.iterator(); it.hasNext(); ) {
            if (it.next().path("key").asText().equals(key)) {
                it.remove();
            }
        }
        ObjectNode item = evidence.addObject();
        item.put("id", "e-rectified-" + key);
        item.put("key", key);
        if (value instanceof Boolean b) {
            item.put("value", b);
        } else {
            item.put("value", (BigDecimal) value);
        }
        item.put("date", s.get("assessment").get("date").asText());
        item.put("verified", true);
    }
}
