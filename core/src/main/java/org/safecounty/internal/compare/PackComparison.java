package org.safecounty.internal.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.IndicatorResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.TaskScore;
import org.safecounty.result.VetoResult;

/**
 * Assesses every submission under two packs and says what the second changes. A submission
 * written for one standard is assessed under the other for this comparison only: its standard is
 * taken as the pack's, and evidence of keys the pack does not know is left out and reported.
 */
public final class PackComparison {

    private final RulePack from;
    private final RulePack to;
    private final Assessor fromAssessor;
    private final Assessor toAssessor;
    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    public PackComparison(RulePack from, RulePack to) {
        this.from = from;
        this.to = to;
        // built once: an assessor reads its pack's key catalogue and limits when it is made
        this.fromAssessor = Assessor.of(from);
        this.toAssessor = Assessor.of(to);
    }

    /** Compares over the submissions, each given as (file name, JSON text), in order. */
    public Comparison compare(Map<String, String> submissions) {
        Map<String, Map<String, Integer>> matrix = new HashMap<>();
        List<CountyChange> changes = new ArrayList<>();
        Map<String, List<BigDecimal>> taskDeltas = new LinkedHashMap<>();
        Map<String, List<BigDecimal>> indicatorDeltas = new LinkedHashMap<>();
        Map<String, Integer> newMissing = new TreeMap<>();
        Map<String, Integer> ignored = new TreeMap<>();
        Map<String, String> notCompared = new TreeMap<>();
        submissions.forEach((file, text) -> {
            Under a = under(from, text);
            Under b = under(to, text);
            if (a.result == null || b.result == null) {
                notCompared.put(file, a.result == null ? a.why : b.why);
                return;
            }
            matrix.computeIfAbsent(a.result.verdict().code(), v -> new HashMap<>())
                    .merge(b.result.verdict().code(), 1, Integer::sum);
            deltas(a.result, b.result, taskDeltas, indicatorDeltas);
            List<String> missing = newlyMissing(a.result, b.result);
            missing.forEach(k -> newMissing.merge(k, 1, Integer::sum));
            Set<String> unknown = new TreeSet<>(a.ignored);
            unknown.addAll(b.ignored);
            unknown.forEach(k -> ignored.merge(k, 1, Integer::sum));
            changes.add(new CountyChange(file, b.result.county().code(), b.result.county().name(), b.result.county().city(),
                    a.result.verdict(), b.result.verdict(), a.result.totalScore(), b.result.totalScore(),
                    causes(a.result, b.result), missing, List.copyOf(unknown)));
        });
        changes.sort(Comparator.comparing((CountyChange c) -> c.delta().abs()).reversed()
                .thenComparing(CountyChange::code).thenComparing(CountyChange::file));
        Set<String> levels = new LinkedHashSet<>();
        Stream.of(from, to).forEach(p -> p.catalogue().verdicts().forEach(v -> levels.add(v.code())));
        return new Comparison(from.standard(), to.standard(), changes.size(), List.copyOf(levels), matrix, changes,
                summary(taskDeltas),
                summary(indicatorDeltas), newMissing, ignored, notCompared);
    }

    private record Under(AssessmentResult result, List<String> ignored, String why) {
    }

    private Under under(RulePack pack, String text) {
        ObjectNode s;
        try {
            JsonNode node = json.readTree(text);
            if (!(node instanceof ObjectNode o) || !(o.get("assessment") instanceof ObjectNode assessment)) {
                return new Under(null, List.of(), "not a submission");
            }
            s = o;
            assessment.put("standard", pack.id());
        } catch (JsonProcessingException e) {
            return new Under(null, List.of(), "not valid JSON: " + e.getOriginalMessage());
        }
        Set<String> unknown = new TreeSet<>();
        if (s.get("evidence") instanceof ArrayNode evidence) {
            for (int i = evidence.size() - 1; i >= 0; i--) {
                String key = evidence.get(i).path("key").asText();
                if (!pack.catalogue().keys().containsKey(key)) {
                    unknown.add(key);
                    evidence.remove(i);
                }
            }
        }
        Outcome outcome = (pack == from ? fromAssessor : toAssessor).assess(s.toString());
        if (outcome instanceof Outcome.Assessed assessed) {
            return new Under(assessed.result(), List.copyOf(unknown), null);
        }
        return new Under(null, List.copyOf(unknown), "rejected under " + pack.id() + ": "
                + ((Outcome.Rejected) outcome).problems());
    }

    private void deltas(AssessmentResult a, AssessmentResult b, Map<String, List<BigDecimal>> tasks,
                        Map<String, List<BigDecimal>> indicators) {
        Map<String, BigDecimal> taskA = a.tasks().stream().collect(Collectors.toMap(TaskScore::id, TaskScore::score));
        for (TaskScore t : b.tasks()) {
            tasks.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t.score().subtract(taskA.getOrDefault(t.id(), BigDecimal.ZERO)));
        }
        Map<String, BigDecimal> indA = scores(a);
        Map<String, BigDecimal> indB = scores(b);
        Set<String> ids = new TreeSet<>(Comparator.comparing((String id) -> orderKeys.computeIfAbsent(id, PackComparison::order)));
        ids.addAll(indA.keySet());
        ids.addAll(indB.keySet());
        for (String id : ids) {
            indicators.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(indB.getOrDefault(id, BigDecimal.ZERO).subtract(indA.getOrDefault(id, BigDecimal.ZERO)));
        }
    }

    private static Map<String, BigDecimal> scores(AssessmentResult r) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        r.indicators().forEach(i -> m.put(i.id(), i.score()));
        return m;
    }

    /** {@link #order} of every id met, worked out once per comparison (a regex split per comparison of two ids was most of its time). */
    private final Map<String, String> orderKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /** A.10 after A.9: ids ordered by their numbers. */
    static String order(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)")) {
            out.append(part.chars().allMatch(Character::isDigit) ? String.format("%06d", Long.parseLong(part)) : part);
        }
        return out.toString();
    }

    private static List<ItemChange> summary(Map<String, List<BigDecimal>> deltas) {
        List<ItemChange> items = new ArrayList<>();
        deltas.forEach((id, list) -> {
            BigDecimal total = list.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            int changed = (int) list.stream().filter(d -> d.signum() != 0).count();
            BigDecimal mean = list.isEmpty() ? BigDecimal.ZERO
                    : total.divide(BigDecimal.valueOf(list.size()), 2, RoundingMode.HALF_UP);
            items.add(new ItemChange(id, changed, total, mean));
        });
        items.sort(Comparator.comparing((ItemChange i) -> i.total().abs()).reversed()
                .thenComparing(i -> order(i.id())));
        return items;
    }

    private static List<String> newlyMissing(AssessmentResult a, AssessmentResult b) {
        Set<String> before = new TreeSet<>();
        a.indicators().forEach(i -> before.addAll(i.missingKeys()));
        Set<String> after = new TreeSet<>();
        b.indicators().forEach(i -> after.addAll(i.missingKeys()));
        after.removeAll(before);
        return List.copyOf(after);
    }

    /** Indicators whose score or status changed, vetoes gained or lost, and the bonus. */
    private static List<String> causes(AssessmentResult a, AssessmentResult b) {
        List<String> causes = new ArrayList<>();
        Map<String, IndicatorResult> before = new LinkedHashMap<>();
        a.indicators().forEach(i -> before.put(i.id(), i));
        for (IndicatorResult i : b.indicators()) {
            IndicatorResult was = before.remove(i.id());
            if (was == null) {
                causes.add(i.id() + " new: " + plain(i.score()) + " " + i.status());
            } else if (was.score().compareTo(i.score()) != 0 || was.status() != i.status()) {
                causes.add(i.id() + " " + plain(was.score()) + " → " + plain(i.score())
                        + (was.status() != i.status() ? " " + was.status() + " → " + i.status() : ""));
            }
        }
        before.keySet().forEach(id -> causes.add(id + " no longer scored"));
        Set<String> vetoesA = a.vetoes().stream().map(VetoResult::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> vetoesB = b.vetoes().stream().map(VetoResult::id).collect(Collectors.toCollection(TreeSet::new));
        vetoesB.stream().filter(v -> !vetoesA.contains(v)).forEach(v -> causes.add(v + " triggered"));
        vetoesA.stream().filter(v -> !vetoesB.contains(v)).forEach(v -> causes.add(v + " no longer triggered"));
        if (a.bonusScore().compareTo(b.bonusScore()) != 0) {
            causes.add("bonus " + plain(a.bonusScore()) + " → " + plain(b.bonusScore()));
        }
        return causes;
    }

    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
