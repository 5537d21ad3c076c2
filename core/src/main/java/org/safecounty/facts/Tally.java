package org.safecounty.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.kie.api.definition.type.ClassReactive;
import org.safecounty.internal.pack.Scoring;
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
    private final List<RectificationItem> rectification = new ArrayList<>();
    private final Set<String> sections = new HashSet<>();
    private final List<Verdict> levels;
    private final Scoring scoring;

    /**
     * @param worksheets for each indicator id, its worksheet as the rules scored it: what each
     *                   missing key could bring and what changes would lift it
     * @param levels     the pack's verdict levels, which {@link #decide} chooses among
     * @param scoring    the pack's arithmetic, which the points of a rectification step follow
     */
    public Tally(List<IndicatorResult> indicators, BigDecimal bonus, List<String> triggeredVetoes,
                 Map<String, List<String>> undecidedVetoes, Map<String, ? extends Scored> worksheets,
                 List<Verdict> levels, Scoring scoring) {
        this.levels = List.copyOf(levels);
        this.scoring = scoring;
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
     * Records the verdict by its code, one of the pack's levels. The first decision stands:
     * verdict rules fire from the highest salience down, and a pooled Drools session does not
     * always keep an activation group to one firing.
     */
    public void decide(String code) {
        Verdict chosen = levels.stream().filter(v -> v.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("规则包的 verdicts 中没有结论 " + code
                        + " / the pack's verdicts have no level " + code));
        if (verdict == null) {
            verdict = chosen;
        }
    }

    public Verdict getVerdict() {
        return verdict;
    }

    /** True once a verdict that passes is decided: such a county has no rectification list. */
    public boolean isPassing() {
        return verdict != null && verdict.passes();
    }

    // ----------------------------------------------------------------- the rectification list (整改清单)
    // A pack's rule composes the list from these sections, in the order it calls them; each is
    // worked out once per county and adds nothing for a county whose verdict passes.

    /** The triggered vetoes, each to be removed. */
    public void rectifyVetoes() {
        section("VETO", items -> triggeredVetoes.forEach(v -> items.add(new RectificationItem("VETO", null, null, v,
                null))));
    }

    /** The vetoes that cannot be decided, with each key they lack. */
    public void rectifyUndecidedVetoes() {
        section("UNDECIDED_VETO", items -> undecidedVetoes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(k -> items.add(new RectificationItem("UNDECIDED_VETO", null, k,
                        e.getKey(), null)))));
    }

    /** Each missing key of each indicator, with the points supplying it could bring. */
    public void rectifyMissingEvidence() {
        section("MISSING_EVIDENCE", items -> {
            for (IndicatorResult i : indicators) {
                for (String key : i.missingKeys()) {
                    Scored sheet = worksheets.get(i.id());
                    Map<String, BigDecimal> gains = sheet == null ? Map.of() : sheet.missingGains();
                    BigDecimal brings = gains.getOrDefault(key, gap(i));
                    items.add(new RectificationItem("MISSING_EVIDENCE", i.id(), key, null, brings.min(gap(i))));
                }
            }
        });
    }

    /**
     * Each key item under {@code keyItemFloor} of its maximum, with the points it needs and the
     * fewest changes that reach the floor (§9: gains the county can actually earn).
     */
    public void rectifyKeyItemsBelow(Number keyItemFloor) {
        BigDecimal floor = Reading.decimal(keyItemFloor);
        section("KEY_ITEM_BELOW_FLOOR", items -> {
            for (IndicatorResult i : indicators) {
                BigDecimal needed = i.max().multiply(floor).subtract(i.score());
                if (i.keyItem() && needed.signum() > 0) {
                    items.add(belowFloor(i, i.max().multiply(floor), needed));
                }
            }
        });
    }

    /** The fewest indicators whose full marks lift the total to {@code line}, largest gains first, ties by id. */
    public void rectifyTotalTo(Number line) {
        section("RAISE_INDICATOR", items -> {
            BigDecimal shortBy = Reading.decimal(line).subtract(getTotal());
            List<IndicatorResult> byGain = indicators.stream().filter(i -> gap(i).signum() > 0)
                    .sorted(Comparator.comparing(Tally::gap).reversed().thenComparing(IndicatorResult::id)).toList();
            for (IndicatorResult i : byGain) {
                if (shortBy.signum() <= 0) {
                    break;
                }
                items.add(new RectificationItem("RAISE_INDICATOR", i.id(), null, null, gap(i)));
                shortBy = shortBy.subtract(gap(i));
            }
        });
    }

    private void section(String kind, Consumer<List<RectificationItem>> work) {
        if (isPassing() || !sections.add(kind)) {
            return; // a passing county has no list; a section called twice would only repeat itself
        }
        work.accept(rectification);
    }

    /** A key item under its floor, with the fewest changes that reach the floor and what they earn. */
    private RectificationItem belowFloor(IndicatorResult i, BigDecimal floorPoints, BigDecimal needed) {
        int scale = i.score().scale();
        RoundingMode rounding = scoring.rounding();
        Scored sheet = worksheets.get(i.id());
        Optional<FloorPlan.Plan> plan = sheet == null ? Optional.empty() : sheet.planToReach(floorPoints);
        if (plan.isEmpty()) {
            return new RectificationItem("KEY_ITEM_BELOW_FLOOR", i.id(), null, null, gap(i), needed, List.of());
        }
        BigDecimal gain = plan.get().score().setScale(scale, rounding).subtract(i.score());
        List<RectificationStep> steps = plan.get().steps().stream().map(s -> new RectificationStep(s.action(),
                s.key(), s.of(), s.target(), rounded(s.points(), scale, rounding), rounded(s.gain(), scale, rounding)))
                .toList();
        return new RectificationItem("KEY_ITEM_BELOW_FLOOR", i.id(), null, null, gain, needed, steps);
    }

    private static BigDecimal rounded(BigDecimal d, int scale, RoundingMode rounding) {
        return d == null ? null : d.setScale(scale, rounding);
    }

    public List<RectificationItem> rectification() {
        return List.copyOf(rectification);
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
