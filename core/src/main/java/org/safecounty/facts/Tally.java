package org.safecounty.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.type.ClassReactive;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.RectificationItem;
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
    private final Map<String, Map<String, BigDecimal>> missingGains;
    private Verdict verdict;
    private String decidedBy;
    private List<RectificationItem> rectification = List.of();

    /**
     * @param missingGains for each indicator id, the points each of its missing keys could bring
     */
    public Tally(List<IndicatorResult> indicators, BigDecimal bonus, List<String> triggeredVetoes,
                 Map<String, List<String>> undecidedVetoes, Map<String, Map<String, BigDecimal>> missingGains) {
        this.indicators = List.copyOf(indicators);
        this.base = indicators.stream().map(IndicatorResult::score).reduce(BigDecimal.ZERO, BigDecimal::add);
        this.bonus = bonus;
        this.triggeredVetoes = List.copyOf(triggeredVetoes);
        this.undecidedVetoes = Map.copyOf(undecidedVetoes);
        this.missingGains = Map.copyOf(missingGains);
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
                BigDecimal brings = missingGains.getOrDefault(i.id(), Map.of()).getOrDefault(key, gap(i));
                items.add(new RectificationItem("MISSING_EVIDENCE", i.id(), key, null, brings.min(gap(i))));
            }
        }
        BigDecimal floor = Reading.decimal(keyItemFloor);
        for (IndicatorResult i : indicators) {
            BigDecimal needed = i.max().multiply(floor).subtract(i.score());
            if (i.keyItem() && needed.signum() > 0) {
                items.add(new RectificationItem("KEY_ITEM_BELOW_FLOOR", i.id(), null, null, needed));
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
