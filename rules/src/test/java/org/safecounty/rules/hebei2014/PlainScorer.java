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
import java.util.TreeMap;
import java.util.TreeSet;
import org.safecounty.result.IndicatorStatus;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;

/**
 * An independent, plain-Java scorer of 河北省食品药品安全县创建评价标准（2014）, written from the text of
 * the standard ({@code /work/shared/standard/hebei-fds-county-2014.md}) as a test oracle for
 * differential testing against the Drools rule pack. Every figure of the standard is a constant
 * below; nothing is read from the rule pack.
 *
 * <p>A 0 denominator makes its numerator unnecessary (§2, clarified 2026-11): "a counted denominator
 * of 0 fixes the numerator at 0", and that numerator "is not missing: it costs no points, does not
 * make the indicator MISSING, does not appear in the rectification list, and leaves no veto
 * undecided". Where the spared numerator is itself a denominator elsewhere it is read there as the 0
 * it is fixed at, not as missing: {@code enf.cases_filed} 0 and no {@code enf.cases_closed} makes
 * T3.4 and T3.5 both not applicable (and V4 decidable); {@code townships} 0 and no
 * {@code org.township_offices} makes T1.3 and T2.5 not applicable; {@code enf.food_samples} 0 and no
 * {@code enf.food_samples_passed} makes T3.2 and T3.3 not applicable. A denominator with no counted
 * item that nothing fixes is still missing.
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

    /**
     * The outcome of scoring one submission.
     *
     * @param missingKeys     indicator id → the keys it needed that had no counted item, sorted (empty
     *                        when nothing is missing; non-empty exactly when the status is MISSING)
     * @param undecidedVetoes veto id → the keys it needed that had no counted item, sorted, for each of
     *                        V2–V4 that is neither triggered nor decidable (§6, §7)
     * @param notNeeded       indicator id → numerator keys with no counted item that a 0 denominator made
     *                        unnecessary (§2, clarified 2026-11), sorted; only indicators that have some
     * @param countedOverZero indicator id → numerator keys with a counted item (necessarily 0) over a 0
     *                        denominator, sorted; only indicators that have some
     */
    /** The verdicts of §7, as the standard names them: this scorer knows them without the pack. */
    public enum Verdict { EXCELLENT, PASS, FAIL, VETOED, INCOMPLETE }

    public record Score(Verdict verdict, BigDecimal total, BigDecimal base, BigDecimal bonus,
                       Map<String, BigDecimal> indicators, Map<String, IndicatorStatus> statuses,
                       List<String> vetoes, Map<String, NotAcceptedReason> notAccepted, boolean inconsistent,
                       Map<String, List<String>> missingKeys, Map<String, List<String>> undecidedVetoes,
                       Map<String, List<String>> notNeeded, Map<String, List<String>> countedOverZero) {
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
        private final Map<String, List<String>> missingKeys = new LinkedHashMap<>();
        private final Map<String, List<String>> undecidedVetoes = new TreeMap<>();
        private final Map<String, List<String>> notNeeded = new TreeMap<>();
        private final Map<String, List<String>> countedOverZero = new TreeMap<>();

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
            vetoes(triggered);
            boolean undecided = !undecidedVetoes.isEmpty();

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
                    Collections.unmodifiableMap(notAccepted), inconsistent,
                    Collections.unmodifiableMap(missingKeys), Collections.unmodifiableMap(undecidedVetoes),
                    Collections.unmodifiableMap(notNeeded), Collections.unmodifiableMap(countedOverZero));
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

        // ------------------------------------------------------------------ readings

        /** A counted key's value, or missing (the key recorded). */
        private Val val(String key) {
            BigDecimal v = num(key);
            return v != null ? Val.counted(key, v) : Val.missing(key);
        }

        /**
         * A numerator key that is also read as a denominator elsewhere: its counted value; else 0
         * when its own denominator is counted (or given) as 0, since a 0 denominator fixes its
         * numerator at 0 and that numerator is then not missing (§2, clarified 2026-11); else
         * missing.
         */
        private Val fixedBy(String key, Val denominator) {
            Val v = val(key);
            if (v.known() || !denominator.isZero()) {
                return v;
            }
            return Val.fixedAtZero(key);
        }

        /** org.township_offices, fixed at 0 by a county of 0 townships when it has no counted item. */
        private Val townshipOffices() {
            return fixedBy("org.township_offices", Val.given(townships()));
        }

        /** enf.cases_closed, fixed at 0 by 0 counted cases filed when it has no counted item. */
        private Val casesClosed() {
            return fixedBy("enf.cases_closed", val("enf.cases_filed"));
        }

        /** enf.food_samples − enf.food_samples_passed (passed fixed at 0 by 0 food samples); missing keys of both. */
        private Val failedSamples() {
            Val food = val("enf.food_samples");
            Val passed = fixedBy("enf.food_samples_passed", food);
            if (food.known() && passed.known()) {
                return Val.given(food.value().subtract(passed.value()));
            }
            return Val.missing(union(food.missing(), passed.missing()));
        }

        // ------------------------------------------------------------------ §3 consistency

        private void checkRatios() {
            over(val("org.township_offices"), Val.given(townships()));
            over(val("org.villages_with_coordinator"), Val.given(villages()));
            over(val("cap.township_offices_with_rapid_test"), townshipOffices());
            over(val("enf.food_samples_passed"), val("enf.food_samples"));
            over(val("enf.failed_samples_handled"), failedSamples());
            over(val("enf.cases_closed"), val("enf.cases_filed"));
            over(val("enf.penalties_disclosed"), casesClosed());
            over(val("enf.catering_graded"), val("enf.catering_units"));
            over(val("enf.school_canteens_grade_b_or_above"), val("enf.school_canteens"));
            over(val("enf.school_canteens_inspected_quarterly"), val("enf.school_canteens"));
            over(val("enf.small_businesses_registered"), val("enf.small_businesses"));
            over(val("ent.large_producers_traceable"), val("ent.large_producers"));
            over(val("ent.open_kitchens"), val("ent.central_kitchens"));
            over(val("ent.large_producers_with_lab"), val("ent.large_producers"));
            over(val("ind.workshops_licensed"), val("ind.workshops"));
            over(val("ind.clusters_supervised"), val("ind.clusters"));
            over(val("soc.complaints_handled"), val("soc.complaints"));
            over(val("soc.schools_with_fs_education"), val("soc.schools"));
        }

        /**
         * A counted numerator above its denominator (counted, from the profile, computed, or fixed at 0
         * by a 0 denominator of its own — e.g. penalties disclosed with 0 cases filed and no cases-closed
         * item) is inconsistent evidence.
         */
        private void over(Val numerator, Val denominator) {
            if (numerator.known() && denominator.known() && numerator.value().compareTo(denominator.value()) > 0) {
                inconsistent = true;
            }
        }

        // ------------------------------------------------------------------ §4 indicators

        /** Accumulates the parts of one indicator. */
        private final class Acc {
            private final String id;
            private final BigDecimal max;
            private BigDecimal sum = ZERO;
            private final Set<String> missing = new TreeSet<>();
            private final Set<String> spared = new TreeSet<>();
            private final Set<String> zeroOverZero = new TreeSet<>();
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
                    missing.add(key);
                } else if (b) {
                    sum = sum.add(points);
                }
                return this;
            }

            /** A stepped part on a value: first band (value ≥ threshold) reached gives its points. */
            Acc steps(Val value, BigDecimal... bandsAndPoints) {
                parts++;
                if (!value.known()) {
                    missing.addAll(value.missing());
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (value.value().compareTo(bandsAndPoints[i]) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /**
             * Whether a ratio part can be scored: a missing denominator is missing (and so is an absent
             * numerator, which it does not excuse); a 0 denominator is not applicable whether or not
             * its numerator counts, and the numerator is then not needed (§2, clarified 2026-11); else a
             * missing numerator is missing.
             */
            private boolean scorable(Val n, Val d, BigDecimal fullPoints) {
                parts++;
                if (!d.known()) {
                    missing.addAll(d.missing());
                    missing.addAll(n.missing());
                    return false;
                }
                if (d.isZero()) {
                    naParts++;
                    sum = sum.add(fullPoints);
                    if (n.key() != null) {
                        (n.counted() ? zeroOverZero : spared).add(n.key());
                    }
                    return false;
                }
                if (!n.known()) {
                    missing.addAll(n.missing());
                    return false;
                }
                return true;
            }

            /**
             * A stepped ratio part: num/den ≥ threshold by cross-multiplication; a 0 denominator is
             * not applicable and gives the part's full points (the first band's points).
             */
            Acc ratio(Val n, Val d, BigDecimal... bandsAndPoints) {
                if (!scorable(n, d, bandsAndPoints[1])) {
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (n.value().compareTo(bandsAndPoints[i].multiply(d.value())) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /** Per-capita stepped part: count per {@code per} residents ≥ threshold. */
            Acc perCapita(Val count, BigDecimal per, BigDecimal... bandsAndPoints) {
                parts++;
                if (!count.known()) {
                    missing.addAll(count.missing());
                    return this;
                }
                for (int i = 0; i < bandsAndPoints.length; i += 2) {
                    if (count.value().multiply(per).compareTo(bandsAndPoints[i].multiply(population())) >= 0) {
                        sum = sum.add(bandsAndPoints[i + 1]);
                        break;
                    }
                }
                return this;
            }

            /** Proportional part: points × min(1, (n/d)/target), one division. */
            Acc proportional(Val n, Val d, BigDecimal target, BigDecimal points) {
                if (!scorable(n, d, points)) {
                    return this;
                }
                BigDecimal p = points.multiply(n.value()).divide(d.value().multiply(target), MC);
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
                if (!missing.isEmpty()) {
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
                missingKeys.put(id, List.copyOf(missing));
                if (!spared.isEmpty()) {
                    notNeeded.put(id, List.copyOf(spared));
                }
                if (!zeroOverZero.isEmpty()) {
                    countedOverZero.put(id, List.copyOf(zeroOverZero));
                }
            }
        }

        private Acc ind(String id, BigDecimal max) {
            return new Acc(id, max);
        }

        private void scoreIndicators() {
            // T1
            ind("T1.1", T1_1_MAX).flag("org.committee_chaired_by_head", T1_1_CHAIRED)
                    .flag("org.member_duties_documented", T1_1_DUTIES).done();
            ind("T1.2", T1_2_MAX).steps(val("org.assessment_weight_pct"),
                    T1_2_BAND1, T1_2_BAND1_PTS, T1_2_BAND2, T1_2_BAND2_PTS).done();
            ind("T1.3", T1_3_MAX).ratio(val("org.township_offices"), Val.given(townships()),
                    T1_3_BAND1, T1_3_BAND1_PTS, T1_3_BAND2, T1_3_BAND2_PTS).done();
            ind("T1.4", T1_4_MAX).proportional(val("org.villages_with_coordinator"), Val.given(villages()),
                    T1_4_TARGET, T1_4_MAX).done();

            // T2
            ind("T2.1", T2_1_MAX).flag("cap.budget_included", T2_1_MAX).done();
            ind("T2.2", T2_2_MAX).perCapita(val("cap.enforcement_staff"), T2_2_PER_RESIDENTS,
                    T2_2_BAND1, T2_2_BAND1_PTS, T2_2_BAND2, T2_2_BAND2_PTS).done();
            ind("T2.3", T2_3_MAX).proportional(val("cap.training_hours_per_staff"), Val.given(ONE), T2_3_TARGET,
                    T2_3_MAX).done();
            ind("T2.4", T2_4_MAX).flag("cap.testing_center_integrated", T2_4_MAX).done();
            ind("T2.5", T2_5_MAX).ratio(val("cap.township_offices_with_rapid_test"), townshipOffices(),
                    T2_5_BAND1, T2_5_BAND1_PTS, T2_5_BAND2, T2_5_BAND2_PTS).done();

            // T3
            ind("T3.1", T3_1_MAX)
                    .perCapita(val("enf.food_samples"), T3_1_PER_RESIDENTS, T3_1_FOOD_MIN, T3_1_FOOD_PTS)
                    .perCapita(val("enf.residue_samples"), T3_1_PER_RESIDENTS, T3_1_RESIDUE_MIN, T3_1_RESIDUE_PTS)
                    .done();
            ind("T3.2", T3_2_MAX).ratio(val("enf.food_samples_passed"), val("enf.food_samples"),
                    T3_2_BAND1, T3_2_BAND1_PTS, T3_2_BAND2, T3_2_BAND2_PTS).done();
            ind("T3.3", T3_3_MAX).ratio(val("enf.failed_samples_handled"), failedSamples(), T3_3_BAND, T3_3_MAX)
                    .done();
            ind("T3.4", T3_4_MAX).ratio(val("enf.cases_closed"), val("enf.cases_filed"), T3_4_BAND, T3_4_MAX)
                    .done();
            ind("T3.5", T3_5_MAX).ratio(val("enf.penalties_disclosed"), casesClosed(), T3_5_BAND, T3_5_MAX)
                    .done();
            ind("T3.6", T3_6_MAX).ratio(val("enf.catering_graded"), val("enf.catering_units"),
                    T3_6_BAND1, T3_6_BAND1_PTS, T3_6_BAND2, T3_6_BAND2_PTS).done();
            BigDecimal violations = num("enf.school_zone_violations");
            if (violations == null) {
                violations = T3_7_VIOLATIONS_ABSENT;
            }
            ind("T3.7", T3_7_MAX)
                    .ratio(val("enf.school_canteens_grade_b_or_above"), val("enf.school_canteens"),
                            T3_7_GRADE_BAND, T3_7_GRADE_PTS)
                    .ratio(val("enf.school_canteens_inspected_quarterly"), val("enf.school_canteens"),
                            T3_7_INSPECT_BAND, T3_7_INSPECT_PTS)
                    .deduct(T3_7_DEDUCTION_PER_VIOLATION.multiply(violations))
                    .done();
            ind("T3.8", T3_8_MAX).ratio(val("enf.small_businesses_registered"), val("enf.small_businesses"),
                    T3_8_BAND1, T3_8_BAND1_PTS, T3_8_BAND2, T3_8_BAND2_PTS).done();
            ind("T3.9", T3_9_MAX).flag("enf.risk_ledger_maintained", T3_9_MAX).done();

            // T4
            ind("T4.1", T4_1_MAX).ratio(val("ent.large_producers_traceable"), val("ent.large_producers"),
                    T4_1_BAND1, T4_1_BAND1_PTS, T4_1_BAND2, T4_1_BAND2_PTS).done();
            ind("T4.2", T4_2_MAX).ratio(val("ent.open_kitchens"), val("ent.central_kitchens"),
                    T4_2_BAND1, T4_2_BAND1_PTS, T4_2_BAND2, T4_2_BAND2_PTS).done();
            ind("T4.3", T4_3_MAX).proportional(val("ent.large_producers_with_lab"), val("ent.large_producers"),
                    T4_3_TARGET, T4_3_MAX).done();
            ind("T4.4", T4_4_MAX).flag("ent.blacklist_published", T4_4_MAX).done();
            ind("T4.5", T4_5_MAX).steps(val("ent.credit_file_coverage_pct"),
                    T4_5_BAND1, T4_5_BAND1_PTS, T4_5_BAND2, T4_5_BAND2_PTS).done();
            ind("T4.6", T4_6_MAX).steps(val("ent.insured_enterprises"),
                    T4_6_BAND1, T4_6_BAND1_PTS, T4_6_BAND2, T4_6_BAND2_PTS).done();

            // T5
            ind("T5.1", T5_1_MAX).flag(PLAN_KEY, T5_1_MAX).done();
            ind("T5.2", T5_2_MAX).steps(val("emg.drills"), T5_2_MIN_DRILLS, T5_2_MAX).done();
            ind("T5.3", T5_3_MAX).flag("emg.opinion_monitoring", T5_3_MAX).done();
            long onTime = incidents.stream()
                    .filter(i -> i.reportedWithinHours().compareTo(T5_4_HOURS) <= 0).count();
            ind("T5.4", T5_4_MAX).ratio(Val.given(BigDecimal.valueOf(onTime)),
                    Val.given(BigDecimal.valueOf(incidents.size())), T5_4_BAND, T5_4_MAX).done();

            // T6
            ind("T6.1", T6_1_MAX).proportional(val("ind.standardised_production_pct"), Val.given(ONE), T6_1_TARGET,
                    T6_1_MAX).done();
            ind("T6.2", T6_2_MAX).ratio(val("ind.workshops_licensed"), val("ind.workshops"),
                    T6_2_BAND1, T6_2_BAND1_PTS, T6_2_BAND2, T6_2_BAND2_PTS).done();
            ind("T6.3", T6_3_MAX).ratio(val("ind.clusters_supervised"), val("ind.clusters"), T6_3_BAND, T6_3_MAX)
                    .done();

            // T7
            ind("T7.1", T7_1_MAX).steps(val("soc.satisfaction_score"),
                    T7_1_BAND1, T7_1_BAND1_PTS, T7_1_BAND2, T7_1_BAND2_PTS, T7_1_BAND3, T7_1_BAND3_PTS).done();
            ind("T7.2", T7_2_MAX)
                    .steps(val("soc.awareness_pct"), T7_2_AWARENESS_MIN, T7_2_AWARENESS_PTS)
                    .steps(val("soc.support_pct"), T7_2_SUPPORT_MIN, T7_2_SUPPORT_PTS).done();
            ind("T7.3", T7_3_MAX)
                    .flag("soc.reporting_reward_system", T7_3_SYSTEM_PTS)
                    .steps(val("soc.rewards_paid"), T7_3_REWARDS_MIN, T7_3_REWARDS_PTS)
                    .ratio(val("soc.complaints_handled"), val("soc.complaints"),
                            T7_3_HANDLED_BAND1, T7_3_HANDLED_BAND1_PTS, T7_3_HANDLED_BAND2, T7_3_HANDLED_BAND2_PTS)
                    .done();
            ind("T7.4", T7_4_MAX)
                    .flag("soc.publicity_week", T7_4_WEEK_PTS)
                    .ratio(val("soc.schools_with_fs_education"), val("soc.schools"), T7_4_SCHOOLS_BAND,
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

        /** Adds the triggered vetoes, and each of V2–V4 that cannot be decided with the keys it lacks. */
        private void vetoes(Set<String> triggered) {
            // V1
            if (incidents.stream().anyMatch(i -> V1_LEVELS.contains(i.level()))) {
                triggered.add("V1");
            }
            // V2: needs a valid survey; an invalid one leaves the satisfaction score uncounted (§2)
            Val satisfaction = val("soc.satisfaction_score");
            if (!satisfaction.known()) {
                undecidedVetoes.put("V2", List.copyOf(satisfaction.missing()));
            } else if (satisfaction.value().compareTo(V2_MIN_SATISFACTION) < 0) {
                triggered.add("V2");
            }
            // V3: either count below its line triggers it, even with the other missing
            Val food = val("enf.food_samples");
            Val residue = val("enf.residue_samples");
            boolean foodShort = food.known()
                    && food.value().multiply(V3_PER_RESIDENTS).compareTo(V3_FOOD_MIN.multiply(population())) < 0;
            boolean residueShort = residue.known()
                    && residue.value().multiply(V3_PER_RESIDENTS).compareTo(V3_RESIDUE_MIN.multiply(population())) < 0;
            if (foodShort || residueShort) {
                triggered.add("V3");
            } else if (!food.known() || !residue.known()) {
                undecidedVetoes.put("V3", List.copyOf(union(food.missing(), residue.missing())));
            }
            // V4: T3.3, T3.4 or T3.5 below 1; a 0 denominator neither triggers it nor needs its numerator
            Set<String> v4Missing = new TreeSet<>();
            boolean below = belowOne(val("enf.failed_samples_handled"), failedSamples(), v4Missing)
                    | belowOne(val("enf.cases_closed"), val("enf.cases_filed"), v4Missing)
                    | belowOne(val("enf.penalties_disclosed"), casesClosed(), v4Missing);
            if (below) {
                triggered.add("V4");
            } else if (!v4Missing.isEmpty()) {
                undecidedVetoes.put("V4", List.copyOf(v4Missing));
            }
            // V5
            if (incidents.stream().anyMatch(Incident::concealed) || Boolean.TRUE.equals(bool(FALSIFIED_KEY))) {
                triggered.add("V5");
            }
        }

        /** Whether n/d is below 1; the keys it needs and lacks go to {@code missing}. */
        private static boolean belowOne(Val n, Val d, Set<String> missing) {
            if (!d.known()) {
                missing.addAll(d.missing());
                missing.addAll(n.missing());
                return false;
            }
            if (d.isZero()) {
                return false;
            }
            if (!n.known()) {
                missing.addAll(n.missing());
                return false;
            }
            return n.value().compareTo(V4_RATIO.multiply(d.value())) < 0;
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> u = new TreeSet<>(a);
            u.addAll(b);
            return u;
        }
    }

    /**
     * A figure an indicator reads: a value, or missing with the keys that lack a counted item.
     *
     * @param key     the key it was read from, or null for a profile field, a computed figure or a count
     *                of incidents
     * @param counted whether the value is a counted item of {@code key} (false when fixed at 0 by a 0
     *                denominator, or missing)
     */
    private record Val(BigDecimal value, Set<String> missing, String key, boolean counted) {

        static Val counted(String key, BigDecimal value) {
            return new Val(value, Set.of(), key, true);
        }

        static Val given(BigDecimal value) {
            return new Val(value, Set.of(), null, false);
        }

        static Val fixedAtZero(String key) {
            return new Val(ZERO, Set.of(), key, false);
        }

        static Val missing(String key) {
            return new Val(null, new TreeSet<>(Set.of(key)), key, false);
        }

        static Val missing(Set<String> keys) {
            return new Val(null, new TreeSet<>(keys), null, false);
        }

        boolean known() {
            return value != null;
        }

        boolean isZero() {
            return value != null && value.signum() == 0;
        }
    }
}
