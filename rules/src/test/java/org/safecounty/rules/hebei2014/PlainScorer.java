package org.safecounty.rules.hebei2014;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.result.Verdict;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;

/**
 * An independent, plain-Java scorer of 河北省食品药品安全县创建评价标准（2014）, written from the text of
 * the standard ({@code /work/shared/standard/hebei-fds-county-2014.md}) as a test oracle for
 * differential testing against the Drools rule pack. Every figure of the standard is a constant
 * below; nothing is read from the rule pack.
 */
public final class PlainScorer {

    // ------------------------------------------------------------------ §2 counting
    /** emg.plan_issued counts from 1 January of (year − this). */
    private static final int PLAN_WINDOW_YEARS_BACK = 2;
    /** Incidents count when dated after (assessment date − this many months). */
    private static final int INCIDENT_WINDOW_MONTHS = 36;
    /** Minimum counted respondents for the survey keys to count. */
    private static final BigDecimal SURVEY_MIN_RESPONDENTS = new BigDecimal("100");
    private static final String PLAN_KEY = "emg.plan_issued";
    private static final String RESPONDENTS_KEY = "soc.survey_respondents";
    private static final Set<String> SURVEY_KEYS = Set.of("soc.satisfaction_score", "soc.awareness_pct",
            "soc.support_pct");

    // ------------------------------------------------------------------ §3 arithmetic
    private static final int SCALE = 2;
    private static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal ZERO = BigDecimal.ZERO;

    // ------------------------------------------------------------------ T1 (12)
    private static final BigDecimal T1_1_MAX = bd("3");
    private static final BigDecimal T1_1_CHAIRED = bd("2");
    private static final BigDecimal T1_1_DUTIES = bd("1");
    private static final BigDecimal T1_2_MAX = bd("3");
    private static final BigDecimal T1_2_BAND1 = bd("5");
    private static final BigDecimal T1_2_BAND1_PTS = bd("3");
    private static final BigDecimal T1_2_BAND2 = bd("3");
    private static final BigDecimal T1_2_BAND2_PTS = bd("1.5");
    private static final BigDecimal T1_3_MAX = bd("3");
    private static final BigDecimal T1_3_BAND1 = bd("1");
    private static final BigDecimal T1_3_BAND1_PTS = bd("3");
    private static final BigDecimal T1_3_BAND2 = bd("0.8");
    private static final BigDecimal T1_3_BAND2_PTS = bd("2");
    private static final BigDecimal T1_4_MAX = bd("3");
    private static final BigDecimal T1_4_TARGET = bd("1.0");

    // ------------------------------------------------------------------ T2 (15)
    private static final BigDecimal T2_1_MAX = bd("3");
    private static final BigDecimal T2_2_MAX = bd("3");
    private static final BigDecimal T2_2_PER_RESIDENTS = bd("10000");
    private static final BigDecimal T2_2_BAND1 = bd("1.5");
    private static final BigDecimal T2_2_BAND1_PTS = bd("3");
    private static final BigDecimal T2_2_BAND2 = bd("1.0");
    private static final BigDecimal T2_2_BAND2_PTS = bd("2");
    private static final BigDecimal T2_3_MAX = bd("3");
    private static final BigDecimal T2_3_TARGET = bd("40");
    private static final BigDecimal T2_4_MAX = bd("3");
    private static final BigDecimal T2_5_MAX = bd("3");
    private static final BigDecimal T2_5_BAND1 = bd("1");
    private static final BigDecimal T2_5_BAND1_PTS = bd("3");
    private static final BigDecimal T2_5_BAND2 = bd("0.5");
    private static final BigDecimal T2_5_BAND2_PTS = bd("1.5");

    // ------------------------------------------------------------------ T3 (25)
    private static final BigDecimal T3_1_MAX = bd("5");
    private static final BigDecimal T3_1_PER_RESIDENTS = bd("1000");
    private static final BigDecimal T3_1_FOOD_MIN = bd("4");
    private static final BigDecimal T3_1_FOOD_PTS = bd("3");
    private static final BigDecimal T3_1_RESIDUE_MIN = bd("2");
    private static final BigDecimal T3_1_RESIDUE_PTS = bd("2");
    private static final BigDecimal T3_2_MAX = bd("3");
    private static final BigDecimal T3_2_BAND1 = bd("0.96");
    private static final BigDecimal T3_2_BAND1_PTS = bd("3");
    private static final BigDecimal T3_2_BAND2 = bd("0.90");
    private static final BigDecimal T3_2_BAND2_PTS = bd("1.5");
    private static final BigDecimal T3_3_MAX = bd("3");
    private static final BigDecimal T3_3_BAND = bd("1");
    private static final BigDecimal T3_4_MAX = bd("2");
    private static final BigDecimal T3_4_BAND = bd("1");
    private static final BigDecimal T3_5_MAX = bd("2");
    private static final BigDecimal T3_5_BAND = bd("1");
    private static final BigDecimal T3_6_MAX = bd("3");
    private static final BigDecimal T3_6_BAND1 = bd("0.95");
    private static final BigDecimal T3_6_BAND1_PTS = bd("3");
    private static final BigDecimal T3_6_BAND2 = bd("0.80");
    private static final BigDecimal T3_6_BAND2_PTS = bd("1.5");
    private static final BigDecimal T3_7_MAX = bd("4");
    private static final BigDecimal T3_7_GRADE_BAND = bd("1");
    private static final BigDecimal T3_7_GRADE_PTS = bd("2");
    private static final BigDecimal T3_7_INSPECT_BAND = bd("1");
    private static final BigDecimal T3_7_INSPECT_PTS = bd("2");
    private static final BigDecimal T3_7_DEDUCTION_PER_VIOLATION = bd("0.5");
    private static final BigDecimal T3_7_VIOLATIONS_ABSENT = bd("0");
    private static final BigDecimal T3_8_MAX = bd("2");
    private static final BigDecimal T3_8_BAND1 = bd("0.90");
    private static final BigDecimal T3_8_BAND1_PTS = bd("2");
    private static final BigDecimal T3_8_BAND2 = bd("0.70");
    private static final BigDecimal T3_8_BAND2_PTS = bd("1");
    private static final BigDecimal T3_9_MAX = bd("1");

    // ------------------------------------------------------------------ T4 (15)
    private static final BigDecimal T4_1_MAX = bd("3");
    private static final BigDecimal T4_1_BAND1 = bd("1");
    private static final BigDecimal T4_1_BAND1_PTS = bd("3");
    private static final BigDecimal T4_1_BAND2 = bd("0.8");
    private static final BigDecimal T4_1_BAND2_PTS = bd("1.5");
    private static final BigDecimal T4_2_MAX = bd("3");
    private static final BigDecimal T4_2_BAND1 = bd("1");
    private static final BigDecimal T4_2_BAND1_PTS = bd("3");
    private static final BigDecimal T4_2_BAND2 = bd("0.8");
    private static final BigDecimal T4_2_BAND2_PTS = bd("1.5");
    private static final BigDecimal T4_3_MAX = bd("3");
    private static final BigDecimal T4_3_TARGET = bd("0.8");
    private static final BigDecimal T4_4_MAX = bd("2");
    private static final BigDecimal T4_5_MAX = bd("2");
    private static final BigDecimal T4_5_BAND1 = bd("90");
    private static final BigDecimal T4_5_BAND1_PTS = bd("2");
    private static final BigDecimal T4_5_BAND2 = bd("60");
    private static final BigDecimal T4_5_BAND2_PTS = bd("1");
    private static final BigDecimal T4_6_MAX = bd("2");
    private static final BigDecimal T4_6_BAND1 = bd("10");
    private static final BigDecimal T4_6_BAND1_PTS = bd("2");
    private static final BigDecimal T4_6_BAND2 = bd("1");
    private static final BigDecimal T4_6_BAND2_PTS = bd("1");

    // ------------------------------------------------------------------ T5 (10)
    private static final BigDecimal T5_1_MAX = bd("2");
    private static final BigDecimal T5_2_MAX = bd("2");
    private static final BigDecimal T5_2_MIN_DRILLS = bd("1");
    private static final BigDecimal T5_3_MAX = bd("2");
    private static final BigDecimal T5_4_MAX = bd("4");
    private static final BigDecimal T5_4_HOURS = bd("2");
    private static final BigDecimal T5_4_BAND = bd("1");

    // ------------------------------------------------------------------ T6 (8)
    private static final BigDecimal T6_1_MAX = bd("3");
    private static final BigDecimal T6_1_TARGET = bd("85");
    private static final BigDecimal T6_2_MAX = bd("3");
    private static final BigDecimal T6_2_BAND1 = bd("0.90");
    private static final BigDecimal T6_2_BAND1_PTS = bd("3");
    private static final BigDecimal T6_2_BAND2 = bd("0.70");
    private static final BigDecimal T6_2_BAND2_PTS = bd("1.5");
    private static final BigDecimal T6_3_MAX = bd("2");
    private static final BigDecimal T6_3_BAND = bd("1");

    // ------------------------------------------------------------------ T7 (15)
    private static final BigDecimal T7_1_MAX = bd("5");
    private static final BigDecimal T7_1_BAND1 = bd("80");
    private static final BigDecimal T7_1_BAND1_PTS = bd("5");
    private static final BigDecimal T7_1_BAND2 = bd("75");
    private static final BigDecimal T7_1_BAND2_PTS = bd("4");
    private static final BigDecimal T7_1_BAND3 = bd("70");
    private static final BigDecimal T7_1_BAND3_PTS = bd("3");
    private static final BigDecimal T7_2_MAX = bd("3");
    private static final BigDecimal T7_2_AWARENESS_MIN = bd("75");
    private static final BigDecimal T7_2_AWARENESS_PTS = bd("1.5");
    private static final BigDecimal T7_2_SUPPORT_MIN = bd("85");
    private static final BigDecimal T7_2_SUPPORT_PTS = bd("1.5");
    private static final BigDecimal T7_3_MAX = bd("4");
    private static final BigDecimal T7_3_SYSTEM_PTS = bd("1");
    private static final BigDecimal T7_3_REWARDS_MIN = bd("1");
    private static final BigDecimal T7_3_REWARDS_PTS = bd("1");
    private static final BigDecimal T7_3_HANDLED_BAND1 = bd("1");
    private static final BigDecimal T7_3_HANDLED_BAND1_PTS = bd("2");
    private static final BigDecimal T7_3_HANDLED_BAND2 = bd("0.9");
    private static final BigDecimal T7_3_HANDLED_BAND2_PTS = bd("1");
    private static final BigDecimal T7_4_MAX = bd("3");
    private static final BigDecimal T7_4_WEEK_PTS = bd("1");
    private static final BigDecimal T7_4_SCHOOLS_BAND = bd("0.9");
    private static final BigDecimal T7_4_SCHOOLS_PTS = bd("2");

    // ------------------------------------------------------------------ §5 bonus
    private static final List<String> BONUS_KEYS = List.of("bonus.grid_supervision", "bonus.smart_supervision",
            "bonus.insurance_half_of_large_producers", "bonus.cogovernance_innovation", "bonus.provincial_model",
            "bonus.regional_testing_cooperation");
    private static final BigDecimal BONUS_PER_ACTION = bd("2");
    private static final BigDecimal BONUS_CAP = bd("10");

    // ------------------------------------------------------------------ §6 vetoes
    private static final Set<String> V1_LEVELS = Set.of("I", "II");
    private static final BigDecimal V2_MIN_SATISFACTION = bd("70");
    private static final BigDecimal V3_FOOD_MIN = bd("4");
    private static final BigDecimal V3_RESIDUE_MIN = bd("2");
    private static final BigDecimal V3_PER_RESIDENTS = bd("1000");
    private static final BigDecimal V4_RATIO = bd("1");
    private static final String FALSIFIED_KEY = "integrity.falsified_material";

    // ------------------------------------------------------------------ §7 verdict
    private static final BigDecimal PASS_LINE = bd("90");
    private static final BigDecimal EXCELLENT_LINE = bd("100");
    private static final BigDecimal KEY_ITEM_FLOOR = bd("0.6");
    private static final List<String> KEY_ITEMS = List.of("T1.2", "T2.1", "T3.1", "T3.3", "T3.4", "T3.5", "T3.7",
            "T7.1");

    /** The outcome of scoring one submission. */
    public record Score(Verdict verdict, BigDecimal total, BigDecimal base, BigDecimal bonus,
                       Map<String, BigDecimal> indicators, Map<String, IndicatorStatus> statuses,
                       List<String> vetoes, Map<String, NotAcceptedReason> notAccepted, boolean inconsistent) {
    }

    public PlainScorer() {
    }

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    // =================================================================================== scoring

    public Score score(Submission s) {
        return new Run(s).score();
    }

    /** One scoring run: the counted evidence of one submission and the figures built from it. */
    private static final class Run {
        private final Submission s;
        private final LocalDate date;
        private final Map<String, Object> counted = new HashMap<>();
        private final Map<String, NotAcceptedReason> notAccepted = new LinkedHashMap<>();
        private final List<Incident> incidents = new ArrayList<>();
        private boolean inconsistent;
        private final Map<String, BigDecimal> indicators = new LinkedHashMap<>();
        private final Map<String, IndicatorStatus> statuses = new LinkedHashMap<>();
        private final Map<String, BigDecimal> maxima = new HashMap<>();

        Run(Submission s) {
            this.s = s;
            this.date = s.assessment().date();
        }

        Score score() {
            count();
            scoreIndicators();
            checkRatios();
            BigDecimal base = indicators.values().stream().reduce(ZERO, BigDecimal::add);
            BigDecimal bonus = bonus();
            BigDecimal total = base.add(bonus);

            Set<String> triggered = new TreeSet<>();
            boolean undecided = vetoes(triggered);

            Verdict verdict;
            if (!triggered.isEmpty()) {
                verdict = Verdict.VETOED;
            } else if (undecided) {
                verdict = Verdict.INCOMPLETE;
            } else {
                boolean floor = KEY_ITEMS.stream().allMatch(id ->
                        indicators.get(id).compareTo(KEY_ITEM_FLOOR.multiply(maxima.get(id))) >= 0);
                if (floor && total.compareTo(EXCELLENT_LINE) >= 0) {
                    verdict = Verdict.EXCELLENT;
                } else if (floor && total.compareTo(PASS_LINE) >= 0) {
                    verdict = Verdict.PASS;
                } else {
                    verdict = Verdict.FAIL;
                }
            }
            return new Score(verdict, total, base, bonus, Collections.unmodifiableMap(indicators),
                    Collections.unmodifiableMap(statuses), List.copyOf(triggered),
                    Collections.unmodifiableMap(notAccepted), inconsistent);
        }

        // ------------------------------------------------------------------ §2 counting

        private void count() {
            int year = s.assessment().year();
            LocalDate yearStart = LocalDate.of(year, 1, 1);
            LocalDate planStart = LocalDate.of(year - PLAN_WINDOW_YEARS_BACK, 1, 1);
            Map<String, List<EvidenceItem>> byKey = new LinkedHashMap<>();
            for (EvidenceItem e : s.evidence()) {
                if (s.assessment().mode() == Mode.ACCEPTANCE && !e.verified()) {
                    notAccepted.put(e.id(), NotAcceptedReason.UNVERIFIED);
                    continue;
                }
                LocalDate from = PLAN_KEY.equals(e.key()) ? planStart : yearStart;
                if (e.date().isBefore(from) || e.date().isAfter(date)) {
                    notAccepted.put(e.id(), NotAcceptedReason.OUT_OF_WINDOW);
                    continue;
                }
                byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            }
            Map<String, EvidenceItem> winners = new HashMap<>();
            for (Map.Entry<String, List<EvidenceItem>> en : byKey.entrySet()) {
                List<EvidenceItem> items = en.getValue();
                LocalDate latest = items.stream().map(EvidenceItem::date).max(LocalDate::compareTo).orElseThrow();
                EvidenceItem winner = null;
                for (EvidenceItem e : items) {
                    if (e.date().equals(latest) && winner == null) {
                        winner = e;
                    }
                }
                for (EvidenceItem e : items) {
                    if (e == winner) {
                        continue;
                    }
                    if (e.date().equals(latest) && !sameValue(e.value(), winner.value())) {
                        inconsistent = true;
                    }
                    notAccepted.put(e.id(), NotAcceptedReason.SUPERSEDED);
                }
                winners.put(en.getKey(), winner);
            }
            // survey validity
            EvidenceItem respondents = winners.get(RESPONDENTS_KEY);
            boolean surveyValid = respondents != null
                    && ((BigDecimal) respondents.value()).compareTo(SURVEY_MIN_RESPONDENTS) >= 0;
            for (Map.Entry<String, EvidenceItem> w : winners.entrySet()) {
                if (!surveyValid && SURVEY_KEYS.contains(w.getKey())) {
                    notAccepted.put(w.getValue().id(), NotAcceptedReason.INVALID_SURVEY);
                } else {
                    counted.put(w.getKey(), w.getValue().value());
                }
            }
            // keep notAccepted in submission order
            Map<String, NotAcceptedReason> ordered = new LinkedHashMap<>();
            for (EvidenceItem e : s.evidence()) {
                if (notAccepted.containsKey(e.id())) {
                    ordered.put(e.id(), notAccepted.get(e.id()));
                }
            }
            notAccepted.clear();
            notAccepted.putAll(ordered);
            // incidents: after (date − 36 months), on or before date; the mode does not filter them
            LocalDate after = date.minusMonths(INCIDENT_WINDOW_MONTHS);
            for (Incident i : s.incidents()) {
                if (i.date().isAfter(after) && !i.date().isAfter(date)) {
                    incidents.add(i);
                }
            }
        }

        private static boolean sameValue(Object a, Object b) {
            if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
                return x.compareTo(y) == 0;
            }
            return a.equals(b);
        }

        private BigDecimal num(String key) {
            Object v = counted.get(key);
            return v instanceof BigDecimal b ? b : null;
        }

        private Boolean bool(String key) {
            Object v = counted.get(key);
            return v instanceof Boolean b ? b : null;
        }

        private BigDecimal townships() {
            return BigDecimal.valueOf(s.county().townships());
        }

        private BigDecimal villages() {
            return BigDecimal.valueOf(s.county().villages());
        }

        private BigDecimal population() {
            return BigDecimal.valueOf(s.county().population());
        }

        /** enf.food_samples − enf.food_samples_passed, or null when either is missing. */
        private BigDecimal failedSamples() {
            BigDecimal food = num("enf.food_samples");
            BigDecimal passed = num("enf.food_samples_passed");
            return food == null || passed == null ? null : food.subtract(passed);
        }

        // ------------------------------------------------------------------ §3 consistency

        private void checkRatios() {
            over(num("org.township_offices"), townships());
            over(num("org.villages_with_coordinator"), villages());
            over(num("cap.township_offices_with_rapid_test"), num("org.township_offices"));
            over(num("enf.food_samples_passed"), num("enf.food_samples"));
            over(num("enf.failed_samples_handled"), failedSamples());
            over(num("enf.cases_closed"), num("enf.cases_filed"));
            over(num("enf.penalties_disclosed"), num("enf.cases_closed"));
            over(num("enf.catering_graded"), num("enf.catering_units"));
            over(num("enf.school_canteens_grade_b_or_above"), num("enf.school_canteens"));
            over(num("enf.school_canteens_inspected_quarterly"), num("enf.school_canteens"));
            over(num("enf.small_businesses_registered"), num("enf.small_businesses"));
            over(num("ent.large_producers_traceable"), num("ent.large_producers"));
            over(num("ent.open_kitchens"), num("ent.central_kitchens"));
            over(num("ent.large_producers_with_lab"), num("ent.large_producers"));
            over(num("ind.workshops_licensed"), num("ind.workshops"));
            over(num("ind.clusters_supervised"), num("ind.clusters"));
            over(num("soc.complaints_handled"), num("soc.complaints"));
            over(num("soc.schools_with_fs_education"), num("soc.schools"));
        }

        private void over(BigDecimal numerator, BigDecimal denominator) {
            if (numerator != null && denominator != null && numerator.compareTo(denominator) > 0) {
                inconsistent = true;
            }
        }

        // ------------------------------------------------------------------ §4 indicators

        /** Accumulates the parts of one indicator. */
        private final class Acc {
            private final String id;
            private final BigDecimal max;
            private BigDecimal sum = ZERO;
            private boolean missing;
            private int parts;
            private int naParts;

            Acc(String id, BigDecimal max) {
                this.id = id;
                this.max = max;
            }

            /** A bool part: points if the key is counted true. */
            Acc flag(String key, BigDecimal points) {
                parts++;
                Boolean b = bool(key);
                if (b == null) {
                    missing = true;
                } else if (b) {
                    sum = sum.add(points);
                }
                return this;
            }

            /** A stepped part on a value: first band (value ≥ threshold) reached gives its points. */
            Acc steps(BigDecimal value, BigDecimal... bandsAndPoints) {
                parts++;
                if (value == null) {
                    missing = true;
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (value.compareTo(bandsAndPoints[i]) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /**
             * A stepped ratio part: num/den ≥ threshold by cross-multiplication; a 0 denominator is
             * not applicable and gives the part's full points (the first band's points).
             */
            Acc ratio(BigDecimal n, BigDecimal d, BigDecimal... bandsAndPoints) {
                parts++;
                if (n == null || d == null) {
                    missing = true;
                    return this;
                }
                if (d.signum() == 0) {
                    naParts++;
                    sum = sum.add(bandsAndPoints[1]);
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (n.compareTo(bandsAndPoints[i].multiply(d)) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /** Per-capita stepped part: count per {@code per} residents ≥ threshold. */
            Acc perCapita(BigDecimal count, BigDecimal per, BigDecimal... bandsAndPoints) {
                parts++;
                if (count == null) {
                    missing = true;
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (count.multiply(per).compareTo(bandsAndPoints[i].multiply(population())) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /** Proportional part: points × min(1, (n/d)/target), one division. */
            Acc proportional(BigDecimal n, BigDecimal d, BigDecimal target, BigDecimal points) {
                parts++;
                if (n == null || d == null) {
                    missing = true;
                    return this;
                }
                if (d.signum() == 0) {
                    naParts++;
                    sum = sum.add(points);
                    return this;
                }
                BigDecimal p = points.multiply(n).divide(d.multiply(target), MC);
                sum = sum.add(p.min(points));
                return this;
            }

            /** Subtracts a deduction (not a part), not below 0 overall. */
            Acc deduct(BigDecimal amount) {
                sum = sum.subtract(amount).max(ZERO);
                return this;
            }

            void done() {
                BigDecimal score = sum.min(max).setScale(SCALE, ROUNDING);
                IndicatorStatus status;
                if (missing) {
                    status = IndicatorStatus.MISSING;
                } else if (parts > 0 && naParts == parts && score.compareTo(max) == 0) {
                    status = IndicatorStatus.NOT_APPLICABLE;
                } else if (score.compareTo(max) == 0) {
                    status = IndicatorStatus.MET;
                } else if (score.signum() == 0) {
                    status = IndicatorStatus.NOT_MET;
                } else {
                    status = IndicatorStatus.PARTIAL;
                }
                indicators.put(id, score);
                statuses.put(id, status);
                maxima.put(id, max);
            }
        }

        private Acc ind(String id, BigDecimal max) {
            return new Acc(id, max);
        }

        private void scoreIndicators() {
            // T1
            ind("T1.1", T1_1_MAX).flag("org.committee_chaired_by_head", T1_1_CHAIRED)
                    .flag("org.member_duties_documented", T1_1_DUTIES).done();
            ind("T1.2", T1_2_MAX).steps(num("org.assessment_weight_pct"),
                    T1_2_BAND1, T1_2_BAND1_PTS, T1_2_BAND2, T1_2_BAND2_PTS).done();
            ind("T1.3", T1_3_MAX).ratio(num("org.township_offices"), townships(),
                    T1_3_BAND1, T1_3_BAND1_PTS, T1_3_BAND2, T1_3_BAND2_PTS).done();
            ind("T1.4", T1_4_MAX).proportional(num("org.villages_with_coordinator"), villages(), T1_4_TARGET,
                    T1_4_MAX).done();

            // T2
            ind("T2.1", T2_1_MAX).flag("cap.budget_included", T2_1_MAX).done();
            ind("T2.2", T2_2_MAX).perCapita(num("cap.enforcement_staff"), T2_2_PER_RESIDENTS,
                    T2_2_BAND1, T2_2_BAND1_PTS, T2_2_BAND2, T2_2_BAND2_PTS).done();
            ind("T2.3", T2_3_MAX).proportional(num("cap.training_hours_per_staff"), ONE, T2_3_TARGET, T2_3_MAX)
                    .done();
            ind("T2.4", T2_4_MAX).flag("cap.testing_center_integrated", T2_4_MAX).done();
            ind("T2.5", T2_5_MAX).ratio(num("cap.township_offices_with_rapid_test"), num("org.township_offices"),
                    T2_5_BAND1, T2_5_BAND1_PTS, T2_5_BAND2, T2_5_BAND2_PTS).done();

            // T3
            ind("T3.1", T3_1_MAX)
                    .perCapita(num("enf.food_samples"), T3_1_PER_RESIDENTS, T3_1_FOOD_MIN, T3_1_FOOD_PTS)
                    .perCapita(num("enf.residue_samples"), T3_1_PER_RESIDENTS, T3_1_RESIDUE_MIN, T3_1_RESIDUE_PTS)
                    .done();
            ind("T3.2", T3_2_MAX).ratio(num("enf.food_samples_passed"), num("enf.food_samples"),
                    T3_2_BAND1, T3_2_BAND1_PTS, T3_2_BAND2, T3_2_BAND2_PTS).done();
            ind("T3.3", T3_3_MAX).ratio(num("enf.failed_samples_handled"), failedSamples(), T3_3_BAND, T3_3_MAX)
                    .done();
            ind("T3.4", T3_4_MAX).ratio(num("enf.cases_closed"), num("enf.cases_filed"), T3_4_BAND, T3_4_MAX)
                    .done();
            ind("T3.5", T3_5_MAX).ratio(num("enf.penalties_disclosed"), num("enf.cases_closed"), T3_5_BAND,
                    T3_5_MAX).done();
            ind("T3.6", T3_6_MAX).ratio(num("enf.catering_graded"), num("enf.catering_units"),
                    T3_6_BAND1, T3_6_BAND1_PTS, T3_6_BAND2, T3_6_BAND2_PTS).done();
            BigDecimal violations = num("enf.school_zone_violations");
            if (violations == null) {
                violations = T3_7_VIOLATIONS_ABSENT;
            }
            ind("T3.7", T3_7_MAX)
                    .ratio(num("enf.school_canteens_grade_b_or_above"), num("enf.school_canteens"),
                            T3_7_GRADE_BAND, T3_7_GRADE_PTS)
                    .ratio(num("enf.school_canteens_inspected_quarterly"), num("enf.school_canteens"),
                            T3_7_INSPECT_BAND, T3_7_INSPECT_PTS)
                    .deduct(T3_7_DEDUCTION_PER_VIOLATION.multiply(violations))
                    .done();
            ind("T3.8", T3_8_MAX).ratio(num("enf.small_businesses_registered"), num("enf.small_businesses"),
                    T3_8_BAND1, T3_8_BAND1_PTS, T3_8_BAND2, T3_8_BAND2_PTS).done();
            ind("T3.9", T3_9_MAX).flag("enf.risk_ledger_maintained", T3_9_MAX).done();

            // T4
            ind("T4.1", T4_1_MAX).ratio(num("ent.large_producers_traceable"), num("ent.large_producers"),
                    T4_1_BAND1, T4_1_BAND1_PTS, T4_1_BAND2, T4_1_BAND2_PTS).done();
            ind("T4.2", T4_2_MAX).ratio(num("ent.open_kitchens"), num("ent.central_kitchens"),
                    T4_2_BAND1, T4_2_BAND1_PTS, T4_2_BAND2, T4_2_BAND2_PTS).done();
            ind("T4.3", T4_3_MAX).proportional(num("ent.large_producers_with_lab"), num("ent.large_producers"),
                    T4_3_TARGET, T4_3_MAX).done();
            ind("T4.4", T4_4_MAX).flag("ent.blacklist_published", T4_4_MAX).done();
            ind("T4.5", T4_5_MAX).steps(num("ent.credit_file_coverage_pct"),
                    T4_5_BAND1, T4_5_BAND1_PTS, T4_5_BAND2, T4_5_BAND2_PTS).done();
            ind("T4.6", T4_6_MAX).steps(num("ent.insured_enterprises"),
                    T4_6_BAND1, T4_6_BAND1_PTS, T4_6_BAND2, T4_6_BAND2_PTS).done();

            // T5
            ind("T5.1", T5_1_MAX).flag(PLAN_KEY, T5_1_MAX).done();
            ind("T5.2", T5_2_MAX).steps(num("emg.drills"), T5_2_MIN_DRILLS, T5_2_MAX).done();
            ind("T5.3", T5_3_MAX).flag("emg.opinion_monitoring", T5_3_MAX).done();
            long onTime = incidents.stream()
                    .filter(i -> i.reportedWithinHours().compareTo(T5_4_HOURS) <= 0).count();
            ind("T5.4", T5_4_MAX).ratio(BigDecimal.valueOf(onTime), BigDecimal.valueOf(incidents.size()),
                    T5_4_BAND, T5_4_MAX).done();

            // T6
            ind("T6.1", T6_1_MAX).proportional(num("ind.standardised_production_pct"), ONE, T6_1_TARGET, T6_1_MAX)
                    .done();
            ind("T6.2", T6_2_MAX).ratio(num("ind.workshops_licensed"), num("ind.workshops"),
                    T6_2_BAND1, T6_2_BAND1_PTS, T6_2_BAND2, T6_2_BAND2_PTS).done();
            ind("T6.3", T6_3_MAX).ratio(num("ind.clusters_supervised"), num("ind.clusters"), T6_3_BAND, T6_3_MAX)
                    .done();

            // T7
            ind("T7.1", T7_1_MAX).steps(num("soc.satisfaction_score"),
                    T7_1_BAND1, T7_1_BAND1_PTS, T7_1_BAND2, T7_1_BAND2_PTS, T7_1_BAND3, T7_1_BAND3_PTS).done();
            ind("T7.2", T7_2_MAX)
                    .steps(num("soc.awareness_pct"), T7_2_AWARENESS_MIN, T7_2_AWARENESS_PTS)
                    .steps(num("soc.support_pct"), T7_2_SUPPORT_MIN, T7_2_SUPPORT_PTS).done();
            ind("T7.3", T7_3_MAX)
                    .flag("soc.reporting_reward_system", T7_3_SYSTEM_PTS)
                    .steps(num("soc.rewards_paid"), T7_3_REWARDS_MIN, T7_3_REWARDS_PTS)
                    .ratio(num("soc.complaints_handled"), num("soc.complaints"),
                            T7_3_HANDLED_BAND1, T7_3_HANDLED_BAND1_PTS, T7_3_HANDLED_BAND2, T7_3_HANDLED_BAND2_PTS)
                    .done();
            ind("T7.4", T7_4_MAX)
                    .flag("soc.publicity_week", T7_4_WEEK_PTS)
                    .ratio(num("soc.schools_with_fs_education"), num("soc.schools"), T7_4_SCHOOLS_BAND,
                            T7_4_SCHOOLS_PTS)
                    .done();
        }

        // ------------------------------------------------------------------ §5 bonus

        private BigDecimal bonus() {
            BigDecimal sum = ZERO;
            for (String key : BONUS_KEYS) {
                if (Boolean.TRUE.equals(bool(key))) { // absent or not counted → false
                    sum = sum.add(BONUS_PER_ACTION);
                }
            }
            return sum.min(BONUS_CAP).setScale(SCALE, ROUNDING);
        }

        // ------------------------------------------------------------------ §6 vetoes

        /** Adds the triggered vetoes; returns whether any of V2–V4 could not be decided. */
        private boolean vetoes(Set<String> triggered) {
            boolean undecided = false;
            // V1
            if (incidents.stream().anyMatch(i -> V1_LEVELS.contains(i.level()))) {
                triggered.add("V1");
            }
            // V2
            BigDecimal satisfaction = num("soc.satisfaction_score");
            if (satisfaction == null) {
                undecided = true;
            } else if (satisfaction.compareTo(V2_MIN_SATISFACTION) < 0) {
                triggered.add("V2");
            }
            // V3
            BigDecimal food = num("enf.food_samples");
            BigDecimal residue = num("enf.residue_samples");
            boolean foodShort = food != null
                    && food.multiply(V3_PER_RESIDENTS).compareTo(V3_FOOD_MIN.multiply(population())) < 0;
            boolean residueShort = residue != null
                    && residue.multiply(V3_PER_RESIDENTS).compareTo(V3_RESIDUE_MIN.multiply(population())) < 0;
            if (foodShort || residueShort) {
                triggered.add("V3");
            } else if (food == null || residue == null) {
                undecided = true;
            }
            // V4
            boolean below = belowOne(num("enf.failed_samples_handled"), failedSamples())
                    || belowOne(num("enf.cases_closed"), num("enf.cases_filed"))
                    || belowOne(num("enf.penalties_disclosed"), num("enf.cases_closed"));
            boolean v4Missing = num("enf.failed_samples_handled") == null || failedSamples() == null
                    || num("enf.cases_closed") == null || num("enf.cases_filed") == null
                    || num("enf.penalties_disclosed") == null;
            if (below) {
                triggered.add("V4");
            } else if (v4Missing) {
                undecided = true;
            }
            // V5
            if (incidents.stream().anyMatch(Incident::concealed) || Boolean.TRUE.equals(bool(FALSIFIED_KEY))) {
                triggered.add("V5");
            }
            return undecided;
        }

        private static boolean belowOne(BigDecimal n, BigDecimal d) {
            return n != null && d != null && d.signum() != 0 && n.compareTo(V4_RATIO.multiply(d)) < 0;
        }
    }
}
