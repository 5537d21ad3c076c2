package org.safecounty.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.definition.type.ClassReactive;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.RectificationItem;
import org.safecounty.result.RectificationStep;
import org.safecounty.result.Verdict;

/**
 * The sums the verdict rules decide on, inserted once every indicator, bonus item and veto is
 * scored: base, bonus, total, the vetoes and the key items. Class-reactive: the verdict rules
 * re-read the whole tally after the bonus cap changes it.
 */
@ClassReactive
public final class Tally {

    private final List<IndicatorResult> indicators;
    private final BigDecimal base;
    private BigDecimal bonus;
    private final List<String> triggeredVetoes;
    private final Map<String, List<String>> undecidedVetoes;
    private final Map<String, ? extends Scored> worksheets;
    private Verdict verdict;
    private String decidedBy;
    private List<RectificationItem> rectification = List.of();
    private boolean rectified;

    /**
     * @param worksheets for each indicator id, its worksheet as the rules scored it: what each
     *                   missing key could bring and what changes would lift it
     */
    public Tally(List<IndicatorResult> indicators, BigDecimal bonus, List<String> triggeredVetoes,
                 Map<String, List<String>> undecidedVetoes, Map<String, ? extends Scored> worksheets) {
        this.indicators = List.copyOf(indicators);
        this.base = indicators.stream().map(IndicatorResult::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        this.bonus = bonus;
        this.triggeredVetoes = List.copyOf(triggeredVetoes);
        this.undecidedVetoes = Map.copyOf(undecidedVetoes);
        this.worksheets = Map.copyOf(worksheets);
    }

    public BigDecimal getBase() {
        return base;
    }

    public BigDecimal getBonus() {
        return bonus;
    }

    public BigDecimal getTotal() {
        return base.add(bonus);
    }

    public boolean isVetoTriggered() {
        return !triggeredVetoes.isEmpty();
    }

    public boolean isVetoUndecided() {
        return !undecidedVetoes.isEmpty();
    }

    public List<String> getTriggeredVetoes() {
        return triggeredVetoes;
    }

    /** Key items (关键项) scoring below {@code fraction} of their maximum, by id. */
    public List<String> keyItemsBelow(Number fraction) {
        BigDecimal f = Reading.decimal(fraction);
        return indicators.stream().filter(IndicatorResult::keyItem)
                .filter(i -> i.score().compareTo(i.max().multiply(f)) < 0)
                .map(IndicatorResult::id).toList();
    }

    /** Lowers the bonus to the cap when it is above it. */
    public void capBonus(Number cap) {
        bonus = bonus.min(Reading.decimal(cap));
    }

    /**
     * Records the verdict. The first decision stands: verdict rules fire from the highest salience
     * down, and a pooled Drools session does not always keep an activation group to one firing.
     */
    public void decide(Verdict chosen) {
        if (verdict == null) {
            verdict = chosen;
        }
    }

    public Verdict getVerdict() {
        return verdict;
    }

    /**
     * Builds the rectification list (整改清单) of a county short of passing: the triggered vetoes,
     * the vetoes that cannot be decided and the keys they lack, the missing evidence, each key item
     * under {@code keyItemFloor} of its maximum with the points it needs, and the fewest indicators
     * whose full marks lift the total to {@code passLine}, largest gains first, ties by id.
     * Does nothing for a county that passes.
     */
    public void rectify(Number passLine, Number keyItemFloor) {
        if (rectified) {
            return; // worked out once per county: a second call would only repeat the work
        }
        rectified = true;
        if (verdict != null && verdict.passes()) {
            rectification = List.of();
            return;
        }
        List<RectificationItem> items = new ArrayList<>();
        triggeredVetoes.forEach(v -> items.add(new RectificationItem("VETO", null, null, v, null)));
        undecidedVetoes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> e.getValue()
                .forEach(k -> items.add(new RectificationItem("UNDECIDED_VETO", null, k, e.getKey(), null))));
        for (IndicatorResult i : indicators) {
            for (String key : i.missingKeys()) {
                Scored sheet = worksheets.get(i.id());
                Map<String, BigDecimal> gains = sheet == null ? Map.of() : sheet.missingGains();
                BigDecimal brings = gains.getOrDefault(key, gap(i));
                items.add(new RectificationItem("MISSING_EVIDENCE", i.id(), key, null, brings.min(gap(i))));
            }
        }
        BigDecimal floor = Reading.decimal(keyItemFloor);
        for (IndicatorResult i : indicators) {
            BigDecimal needed = i.max().multiply(floor).subtract(i.score());
            if (i.keyItem() && needed.signum() > 0) {
                items.add(belowFloor(i, i.max().multiply(floor), needed));
            }
        }
        BigDecimal shortBy = Reading.decimal(passLine).subtract(getTotal());
        List<IndicatorResult> byGain = indicators.stream().filter(i -> gap(i).signum() > 0)
                .sorted(Comparator.comparing(Tally::gap).reversed().thenComparing(IndicatorResult::id)).toList();
        for (IndicatorResult i : byGain) {
            if (shortBy.signum() <= 0) {
                break;
            }
            items.add(new RectificationItem("RAISE_INDICATOR", i.id(), null, null, gap(i)));
            shortBy = shortBy.subtract(gap(i));
        }
        rectification = List.copyOf(items);
    }

    /** A key item under its floor, with the fewest changes that reach the floor and what they earn. */
    private RectificationItem belowFloor(IndicatorResult i, BigDecimal floorPoints, BigDecimal needed) {
        int scale = i.score().scale();
        Scored sheet = worksheets.get(i.id());
        Optional<FloorPlan.Plan> plan = sheet == null ? Optional.empty() : sheet.planToReach(floorPoints);
        if (plan.isEmpty()) {
            return new RectificationItem("KEY_ITEM_BELOW_FLOOR", i.id(), null, null, gap(i), needed, List.of());
        }
        BigDecimal gain = plan.get().score().setScale(scale, RoundingMode.HALF_UP).subtract(i.score());
        List<RectificationStep> steps = plan.get().steps().stream().map(s -> new RectificationStep(s.action(),
                s.key(), s.of(), s.target(), rounded(s.points(), scale), rounded(s.gain(), scale))).toList();
        return new RectificationItem("KEY_ITEM_BELOW_FLOOR", i.id(), null, null, gain, needed, steps);
    }

    private static BigDecimal rounded(BigDecimal d, int scale) {
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    public List<RectificationItem> rectification() {
        return rectification;
    }

    /** Called by the engine with the rule that decided the verdict. */
    public void decidedBy(String rule) {
        if (decidedBy == null && verdict != null) {
            decidedBy = rule;
        }
    }

    public String decidedBy() {
        return decidedBy;
    }

    private static BigDecimal gap(IndicatorResult i) {
        return i.max().subtract(i.score());
    }
}
