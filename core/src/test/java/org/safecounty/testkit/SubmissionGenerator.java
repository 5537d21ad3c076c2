package org.safecounty.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.safecounty.RulePack;
import org.safecounty.facts.Band;
import org.safecounty.facts.Parameter;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.internal.pack.PackCatalogue;

/**
 * Generates valid submissions for any rule pack, in the exchange format's JSON, from the pack's key
 * catalogue and parameters alone: values cluster at the edges of the pack's thresholds (exactly on
 * a band, one unit below, one above), counts respect their {@code atMost} bounds, and some evidence
 * is unverified, out of its window, repeated or missing, with incidents now and then.
 *
 * <p>Library-neutral: every choice comes from {@link Draws}, so a seeded random, QuickTheories
 * (see {@link QuickTheoriesGens}) or any other property library can drive it.
 */
public final class SubmissionGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PackCatalogue catalogue;
    private final Map<String, Parameter> parameters;
    private final Options options;
    private final List<BigDecimal> thresholds;
    private final Set<String> boundKeys;

    /**
     * What a generated county looks like beyond the pack.
     *
     * @param year        the assessment year
     * @param counties    real counties to take code, name and city from (code, name, city); empty
     *                    for made-up ones
     * @param roughOneIn  one county in this many is drawn anywhere; the others are good counties,
     *                    nearly complete and near or above the pack's higher thresholds
     */
    public record Options(int year, List<List<String>> counties, int roughOneIn) {
        public Options {
            counties = List.copyOf(counties);
            if (roughOneIn < 1) {
                throw new IllegalArgumentException("roughOneIn must be at least 1, was " + roughOneIn);
            }
        }

        /** Half good, half rough counties: what property tests want. */
        public Options(int year, List<List<String>> counties) {
            this(year, counties, 2);
        }
    }

    public SubmissionGenerator(RulePack pack, Options options) {
        this.catalogue = pack.catalogue();
        this.parameters = pack.parameters().all();
        this.options = options;
        this.thresholds = thresholds(parameters);
        this.boundKeys = catalogue.keys().values().stream().filter(k -> k.atMost() != null)
                .flatMap(k -> k.atMost().keys().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A valid submission. */
    public ObjectNode valid(Draws d) {
        ObjectNode s = NODES.objectNode();
        boolean good = !d.oneIn(options.roughOneIn());
        ObjectNode county = county(d, good);
        s.set("county", county);
        LocalDate date = LocalDate.of(options.year(), 11, 1).plusDays(d.between(0, 60));
        ObjectNode assessment = s.putObject("assessment");
        assessment.put("standard", catalogue.id());
        assessment.put("year", options.year());
        assessment.put("date", date.toString());
        assessment.put("mode", d.oneIn(4) ? "SELF" : "ACCEPTANCE");
        s.set("evidence", evidence(d, county, date, good));
        s.set("incidents", incidents(d, date, good));
        return s;
    }

    /** A submission with exactly one kind of defect, and the path a problem must name. */
    public InvalidSubmission invalid(Draws d) {
        return new Defects(this).inject(d, valid(d), d.pick(List.of(Defect.values())));
    }

    PackCatalogue catalogue() {
        return catalogue;
    }

    private ObjectNode county(Draws d, boolean good) {
        ObjectNode c = NODES.objectNode();
        if (options.counties().isEmpty()) {
            c.put("code", "99" + String.format("%04d", d.between(1, 9999)));
            c.put("name", "测试县" + d.between(1, 99));
            c.put("city", "测试市");
        } else {
            List<String> real = d.pick(options.counties());
            c.put("code", real.get(0));
            c.put("name", real.get(1));
            c.put("city", real.get(2));
        }
        c.put("population", d.between(50, 1500) * 1000 + d.between(0, 999));
        c.put("townships", d.between(good ? 5 : 0, 30));
        c.put("villages", d.between(good ? 50 : 0, 600));
        return c;
    }

    /**
     * Evidence for every key of the catalogue. A good county has nearly every key, verified, with
     * values at or above the pack's higher thresholds; any other county is drawn anywhere.
     */
    private ArrayNode evidence(Draws d, ObjectNode county, LocalDate date, boolean good) {
        Map<String, BigDecimal> values = new HashMap<>();
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (KeySpec spec : inBoundOrder()) {
            boolean optional = spec.absentMeans() != null;
            if (optional ? !d.oneIn(good ? 4 : 3) && (good || d.oneIn(2)) : d.oneIn(good ? 300 : 30)) {
                continue;
            }
            Object value = good ? goodValue(d, spec, county, values) : value(d, spec, county, values);
            if (value == null) {
                continue;
            }
            chosen.put(spec.name(), value);
            if (value instanceof BigDecimal b) {
                values.put(spec.name(), b);
            }
        }
        ArrayNode items = NODES.arrayNode();
        int[] next = {1};
        chosen.forEach((key, value) -> items.addAll(items(d, key, value, date, next, county, good)));
        return items;
    }

    private Object goodValue(Draws d, KeySpec spec, ObjectNode county, Map<String, BigDecimal> values) {
        if (spec.absentMeans() != null) {
            // what the key means when absent, now and then something else (a bonus action, a violation)
            return d.oneIn(3) ? value(d, spec, county, values) : spec.absentMeans();
        }
        return switch (spec.type()) {
            case BOOL -> !d.oneIn(40);
            case PERCENT -> high(d, HUNDRED, 2);
            case NUMBER -> high(d, BigDecimal.valueOf(200), 1);
            case COUNT -> {
                if (spec.atMost() != null || spec.perResidents() != null || boundKeys.contains(spec.name())) {
                    yield count(d, spec, county, values, true);
                }
                // well above the highest count threshold (e.g. 100 survey respondents): one to four times it
                BigDecimal top = high(d, BigDecimal.valueOf(1000), 0);
                yield top.max(BigDecimal.ONE).multiply(BigDecimal.valueOf(d.between(1, 4)));
            }
        };
    }

    /** At or a little above one of the pack's highest thresholds up to {@code max}. */
    private BigDecimal high(Draws d, BigDecimal max, int scale) {
        List<BigDecimal> inRange = thresholds.stream().filter(t -> t.signum() > 0 && t.compareTo(max) <= 0).toList();
        if (inRange.isEmpty()) {
            return max;
        }
        BigDecimal t = inRange.get(inRange.size() - 1 - (int) d.between(0, Math.min(2, inRange.size() - 1)));
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        return t.add(unit.multiply(BigDecimal.valueOf(d.between(0, 3)))).min(max).setScale(scale, RoundingMode.CEILING);
    }

    private List<ObjectNode> items(Draws d, String key, Object value, LocalDate date, int[] next, ObjectNode county,
                                   boolean good) {
        List<ObjectNode> list = new ArrayList<>();
        LocalDate from = windowStart(key, date);
        long days = date.toEpochDay() - from.toEpochDay();
        LocalDate main = from.plusDays(days - d.between(0, days));
        if (d.oneIn(8) && main.isAfter(from)) {
            // an earlier item of the same key: superseded by the main one
            list.add(item(next, key, sameOrOther(d, key, value, county), from.plusDays(d.between(0,
                    main.toEpochDay() - from.toEpochDay() - 1)), true));
        }
        list.add(item(next, key, value, main, !d.oneIn(good ? 200 : 15)));
        if (d.oneIn(12)) {
            LocalDate outside = d.oneIn(2) ? date.plusDays(d.between(1, 30)) : from.minusDays(d.between(1, 60));
            list.add(item(next, key, sameOrOther(d, key, value, county), outside, true));
        }
        return list;
    }

    /** A different valid value only where no bound involves the key, so the evidence stays consistent. */
    private Object sameOrOther(Draws d, String key, Object value, ObjectNode county) {
        KeySpec spec = catalogue.keys().get(key);
        if (spec.atMost() != null || boundKeys.contains(key) || !d.oneIn(2)) {
            return value;
        }
        return value(d, spec, county, Map.of());
    }

    private ObjectNode item(int[] next, String key, Object value, LocalDate date, boolean verified) {
        ObjectNode item = NODES.objectNode();
        item.put("id", String.format("e-%03d", next[0]++));
        item.put("key", key);
        if (value instanceof Boolean b) {
            item.put("value", b);
        } else {
            item.put("value", (BigDecimal) value);
        }
        item.put("date", date.toString());
        item.put("verified", verified);
        return item;
    }

    private LocalDate windowStart(String key, LocalDate date) {
        String parameter = catalogue.counting().evidenceYearsBackByKey().getOrDefault(key,
                catalogue.counting().evidenceYearsBack());
        int back = parameters.get(parameter).number().intValueExact();
        return LocalDate.of(options.year() - back, 1, 1);
    }

    private Object value(Draws d, KeySpec spec, ObjectNode county, Map<String, BigDecimal> values) {
        return switch (spec.type()) {
            case BOOL -> !d.oneIn(5);
            case PERCENT -> decimal(d, HUNDRED, 2);
            case NUMBER -> decimal(d, BigDecimal.valueOf(200), 1);
            case COUNT -> count(d, spec, county, values, false);
        };
    }

    /** A value near a threshold of the pack (exactly on it, or one unit either side), or anywhere. */
    private BigDecimal decimal(Draws d, BigDecimal max, int scale) {
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        List<BigDecimal> inRange = thresholds.stream().filter(t -> t.signum() > 0 && t.compareTo(max) <= 0).toList();
        if (!inRange.isEmpty() && !d.oneIn(3)) {
            BigDecimal t = d.pick(inRange).add(unit.multiply(BigDecimal.valueOf(d.between(-1, 1))));
            return t.max(BigDecimal.ZERO).min(max);
        }
        return BigDecimal.valueOf(d.between(0, max.movePointRight(scale).longValueExact()), scale);
    }

    private BigDecimal count(Draws d, KeySpec spec, ObjectNode county, Map<String, BigDecimal> values, boolean good) {
        if (spec.atMost() != null) {
            var bound = spec.atMost().evaluate(name -> name.startsWith("county.")
                    ? java.util.Optional.of(county.get(name.substring(7)).decimalValue())
                    : java.util.Optional.ofNullable(values.get(name)));
            if (bound.isEmpty()) {
                BigDecimal any = BigDecimal.valueOf(d.between(0, 50));
                // a key the county leaves out counts as 0 where its own bound is 0 (§2), and then
                // bounds this one: the draw is made all the same, so other submissions stay as they were
                return boundCountingZeros(spec, county, values).map(b -> any.min(b.max(BigDecimal.ZERO))).orElse(any);
            }
            BigDecimal b = bound.get().max(BigDecimal.ZERO);
            return good ? b.subtract(BigDecimal.valueOf(d.oneIn(20) ? 1 : 0)).max(BigDecimal.ZERO) : share(d, b);
        }
        if (spec.perResidents() != null) {
            BigDecimal population = county.get("population").decimalValue();
            BigDecimal per = parameters.get(spec.perResidents()).number();
            List<BigDecimal> small = smallThresholds();
            BigDecimal rate = good ? small.get(small.size() - 1)
                    : d.oneIn(3) ? BigDecimal.valueOf(d.between(0, 80), 1) : d.pick(small);
            long at = rate.multiply(population).divide(per, 0, RoundingMode.CEILING).longValueExact();
            return BigDecimal.valueOf(Math.max(0, at + d.between(-1, 1)));
        }
        if (boundKeys.contains(spec.name())) {
            return d.oneIn(good ? 40 : 10) ? BigDecimal.ZERO : BigDecimal.valueOf(d.between(1, 2000));
        }
        List<BigDecimal> whole = thresholds.stream().filter(t -> t.signum() > 0 && t.stripTrailingZeros().scale() <= 0
                && t.compareTo(BigDecimal.valueOf(1000)) <= 0).toList();
        if (!d.oneIn(3) && !whole.isEmpty()) {
            return d.pick(whole).add(BigDecimal.valueOf(d.between(-1, 1))).max(BigDecimal.ZERO);
        }
        return BigDecimal.valueOf(d.between(0, 500));
    }

    /**
     * The bound of {@code spec} when every key it reads that the county leaves out and whose own
     * bound is 0 counts as 0, as the evidence counter has it (a 0 denominator, §2); empty while
     * another key it reads is left out.
     */
    private Optional<BigDecimal> boundCountingZeros(KeySpec spec, ObjectNode county, Map<String, BigDecimal> values) {
        Set<String> seen = new TreeSet<>();
        return spec.atMost().evaluate(name -> known(name, county, values, seen));
    }

    private Optional<BigDecimal> known(String name, ObjectNode county, Map<String, BigDecimal> values,
                                                 Set<String> seen) {
        if (name.startsWith("county.")) {
            return Optional.of(county.get(name.substring(7)).decimalValue());
        }
        if (values.containsKey(name)) {
            return Optional.of(values.get(name));
        }
        KeySpec spec = catalogue.keys().get(name);
        if (spec == null || spec.atMost() == null || !seen.add(name)) {
            return Optional.empty();
        }
        return spec.atMost().evaluate(n -> known(n, county, values, seen)).filter(b -> b.signum() == 0)
                .map(b -> BigDecimal.ZERO);
    }

    /** A count out of {@code bound} at a share near a band edge (0.8 of 12 → 10, 9 or 11), or any share. */
    private BigDecimal share(Draws d, BigDecimal bound) {
        long max = bound.longValue();
        List<BigDecimal> shares = thresholds.stream().filter(t -> t.signum() > 0 && t.compareTo(BigDecimal.ONE) <= 0)
                .toList();
        if (max == 0) {
            return BigDecimal.ZERO;
        }
        if (d.oneIn(3) || shares.isEmpty()) {
            return BigDecimal.valueOf(d.between(0, max));
        }
        long at = d.pick(shares).multiply(bound).setScale(0, RoundingMode.CEILING).longValueExact();
        return BigDecimal.valueOf(Math.min(max, Math.max(0, at + d.between(-1, 1))));
    }

    private List<BigDecimal> smallThresholds() {
        List<BigDecimal> small = thresholds.stream().filter(t -> t.signum() > 0 && t.compareTo(BigDecimal.TEN) <= 0)
                .toList();
        return small.isEmpty() ? List.of(BigDecimal.ONE) : small;
    }

    /** Keys ordered so that every key comes after the keys its bound reads. */
    private List<KeySpec> inBoundOrder() {
        List<KeySpec> ordered = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        List<KeySpec> left = new ArrayList<>(catalogue.keys().values());
        while (!left.isEmpty()) {
            int before = left.size();
            for (var it = left.iterator(); it.hasNext(); ) {
                KeySpec k = it.next();
                if (k.atMost() == null || placed.containsAll(k.atMost().keys())) {
                    ordered.add(k);
                    placed.add(k.name());
                    it.remove();
                }
            }
            if (left.size() == before) {
                ordered.addAll(left);
                break;
            }
        }
        return ordered;
    }

    private ArrayNode incidents(Draws d, LocalDate date, boolean good) {
        ArrayNode list = NODES.arrayNode();
        int n = (int) d.between(0, good ? 1 : 3);
        for (int i = 1; i <= n; i++) {
            ObjectNode inc = list.addObject();
            inc.put("id", "i-" + String.format("%02d", i));
            long daysBack = d.oneIn(6) ? d.between(1090, 1200) : d.between(0, 1000);
            inc.put("date", date.minusDays(daysBack).toString());
            long level = good ? 0 : d.between(0, 9);
            inc.put("level", level == 9 ? "I" : level == 8 ? "II" : level >= 5 ? "III" : "IV");
            inc.put("kind", d.oneIn(3) ? "DRUG" : "FOOD");
            BigDecimal hours = good ? BigDecimal.valueOf(d.between(0, 20), 1)
                    : d.oneIn(2) ? d.pick(smallThresholds()).add(BigDecimal.valueOf(d.between(-1, 1), 2))
                    : BigDecimal.valueOf(d.between(0, 480), 1);
            inc.put("reportedWithinHours", hours.max(BigDecimal.ZERO));
            inc.put("concealed", !good && d.oneIn(20));
        }
        return list;
    }

    private static List<BigDecimal> thresholds(Map<String, Parameter> parameters) {
        Set<BigDecimal> set = new TreeSet<>();
        for (Parameter p : parameters.values()) {
            if (p.number() != null) {
                set.add(p.number().stripTrailingZeros());
            }
            if (p.bands() != null) {
                p.bands().stream().map(Band::atLeast).forEach(t -> set.add(t.stripTrailingZeros()));
            }
        }
        return List.copyOf(set);
    }

    List<KeySpec> keysOfType(KeyType type) {
        return catalogue.keys().values().stream().filter(k -> k.type() == type).toList();
    }

    Bound boundOf(String key) {
        return catalogue.keys().get(key).atMost();
    }
}
