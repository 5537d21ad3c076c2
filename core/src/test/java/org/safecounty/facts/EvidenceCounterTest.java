package org.safecounty.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.safecounty.internal.pack.CountingSpec;
import org.safecounty.internal.pack.SurveySpec;
import org.safecounty.result.NotAccepted;
import org.safecounty.result.NotAcceptedReason;
import org.safecounty.result.Problem;
import org.safecounty.submission.AssessmentInfo;
import org.safecounty.submission.County;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;

/**
 * Which evidence counts, with a hand-built counting section: evidence from 1 January of the
 * assessment year (0 years back), {@code k.plan} from 1 January of (year − 3), incidents after
 * (date − 36 months), survey keys {@code s.score} valid with at least 30 respondents
 * ({@code s.respondents}); ACCEPTANCE counts verified items only.
 */
class EvidenceCounterTest {

    private static final CountingSpec SPEC = new CountingSpec(Set.of(Mode.ACCEPTANCE), "w.years",
            Map.of("k.plan", "w.plan_years"), "w.incident_months",
            List.of(new SurveySpec("s.respondents", "s.minimum", List.of("s.score"))));

    private static final Parameters PARAMETERS = parameters(Map.of("w.years", 0, "w.plan_years", 3,
            "w.incident_months", 36, "s.minimum", 30));

    private static Parameters parameters(Map<String, Integer> numbers) {
        Map<String, Parameter> map = new LinkedHashMap<>();
        numbers.forEach((k, v) -> map.put(k, new Parameter(k, k, k, "", BigDecimal.valueOf(v), null, null)));
        return new Parameters(map);
    }

    private final List<EvidenceItem> evidence = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();

    private EvidenceCounterTest item(String id, String key, Object value, String date, boolean verified) {
        Object v = value instanceof Boolean ? value : new BigDecimal(value.toString());
        evidence.add(new EvidenceItem(id, key, v, LocalDate.parse(date), verified, Optional.empty(), Optional.empty(),
                evidence.size()));
        return this;
    }

    private EvidenceCounterTest item(String id, String key, Object value, String date) {
        return item(id, key, value, date, true);
    }

    private EvidenceCounterTest incident(String id, String date) {
        incidents.add(new Incident(id, LocalDate.parse(date), "IV", "FOOD", BigDecimal.ONE, false, incidents.size()));
        return this;
    }

    private EvidenceCounter.Counted count(Mode mode, String date) {
        LocalDate d = LocalDate.parse(date);
        Submission s = new Submission(new County("990001", "测试县", "", 1000, 1, 1),
                new AssessmentInfo("toy", d.getYear(), d, mode), evidence, incidents);
        return new EvidenceCounter(SPEC, PARAMETERS).count(s);
    }

    private EvidenceCounter.Counted count() {
        return count(Mode.ACCEPTANCE, "2020-10-15");
    }

    private static Map<String, NotAcceptedReason> reasons(EvidenceCounter.Counted c) {
        return c.notAccepted().stream().collect(Collectors.toMap(NotAccepted::evidence, NotAccepted::reason));
    }

    // ---------------------------------------------------------------- mode

    @Test
    void count_acceptanceModeUnverifiedItem_isNotAcceptedAsUnverified() {
        item("e1", "k.n", 5, "2020-03-01", false);
        EvidenceCounter.Counted c = count();
        assertFalse(c.measures().containsKey("k.n"));
        assertEquals(Map.of("e1", NotAcceptedReason.UNVERIFIED), reasons(c));
    }

    @Test
    void count_selfModeUnverifiedItem_counts() {
        item("e1", "k.n", 5, "2020-03-01", false);
        EvidenceCounter.Counted c = count(Mode.SELF, "2020-10-15");
        assertEquals("e1", c.measures().get("k.n").id());
        assertEquals(List.of(), c.notAccepted());
    }

    @Test
    void count_unverifiedItemSameDateDifferentValueInAcceptance_noConflict() {
        // only counted items can conflict: the unverified one does not count in ACCEPTANCE
        item("e1", "k.n", 5, "2020-03-01", true).item("e2", "k.n", 6, "2020-03-01", false);
        EvidenceCounter.Counted c = count();
        assertEquals(List.of(), c.conflicts());
        assertEquals("e1", c.measures().get("k.n").id());
        assertEquals(Map.of("e2", NotAcceptedReason.UNVERIFIED), reasons(c));
    }

    // ---------------------------------------------------------------- window

    @Test
    void count_firstDayOfAssessmentYear_counts() {
        item("e1", "k.n", 5, "2020-01-01").item("e2", "k.m", 5, "2019-12-31");
        EvidenceCounter.Counted c = count();
        assertEquals("e1", c.measures().get("k.n").id());
        assertFalse(c.measures().containsKey("k.m"));
        assertEquals(Map.of("e2", NotAcceptedReason.OUT_OF_WINDOW), reasons(c));
    }

    @Test
    void count_assessmentDate_countsAndTheDayAfterDoesNot() {
        item("e1", "k.n", 5, "2020-10-15").item("e2", "k.m", 5, "2020-10-16");
        EvidenceCounter.Counted c = count();
        assertEquals("e1", c.measures().get("k.n").id());
        assertFalse(c.measures().containsKey("k.m"));
        assertEquals(Map.of("e2", NotAcceptedReason.OUT_OF_WINDOW), reasons(c));
    }

    @Test
    void count_keyWithOwnWindow_countsFromFirstJanuaryOfYearMinusN() {
        // k.plan: 3 years back from 2020 → from 2017-01-01
        item("e1", "k.plan", true, "2017-01-01").item("e2", "k.other", true, "2017-01-01");
        EvidenceCounter.Counted c = count();
        assertEquals("e1", c.measures().get("k.plan").id());
        assertFalse(c.measures().containsKey("k.other"));
        assertEquals(Map.of("e2", NotAcceptedReason.OUT_OF_WINDOW), reasons(c));
    }

    @Test
    void count_keyWithOwnWindowDayBeforeItsStart_isOutOfWindow() {
        item("e1", "k.plan", true, "2016-12-31");
        assertEquals(Map.of("e1", NotAcceptedReason.OUT_OF_WINDOW), reasons(count()));
    }

    // ---------------------------------------------------------------- repeats

    @Test
    void count_twoItemsOfOneKey_latestWinsAndEarlierIsSuperseded() {
        item("e1", "k.n", 9, "2020-06-01").item("e2", "k.n", 4, "2020-02-01");
        EvidenceCounter.Counted c = count();
        CountedEvidence counted = c.measures().get("k.n");
        assertEquals("e1", counted.id());
        assertEquals(0, ((BigDecimal) counted.value()).compareTo(BigDecimal.valueOf(9)));
        assertEquals("evidence[0]", counted.path());
        assertEquals(Map.of("e2", NotAcceptedReason.SUPERSEDED), reasons(c));
        assertEquals(List.of(), c.conflicts());
    }

    @Test
    void count_sameLatestDateDifferentValues_twoConflictsNamingBothItems() {
        item("e0", "k.other", 1, "2020-01-05").item("e1", "k.n", 5, "2020-03-01").item("e2", "k.n", 6, "2020-03-01");
        List<Problem> conflicts = count().conflicts();
        assertEquals(2, conflicts.size(), conflicts.toString());
        assertEquals(Set.of("evidence[1]", "evidence[2]"), conflicts.stream().map(Problem::path).collect(Collectors.toSet()));
        for (Problem p : conflicts) {
            assertEquals("CONFLICTING_EVIDENCE", p.code());
            assertTrue(p.en().contains("e1") && p.en().contains("e2"), p.en());
            assertTrue(p.zh().contains("e1") && p.zh().contains("e2"), p.zh());
        }
    }

    @Test
    void count_sameLatestDateSameValue_noConflict() {
        // 5 and 5.0 are the same value
        item("e1", "k.n", "5", "2020-03-01").item("e2", "k.n", "5.0", "2020-03-01");
        EvidenceCounter.Counted c = count();
        assertEquals(List.of(), c.conflicts());
        assertEquals(0, ((BigDecimal) c.measures().get("k.n").value()).compareTo(BigDecimal.valueOf(5)));
    }

    @Test
    void count_sameLatestDateSameFlag_noConflict() {
        item("e1", "k.f", true, "2020-03-01").item("e2", "k.f", true, "2020-03-01");
        assertEquals(List.of(), count().conflicts());
    }

    @Test
    void count_differentValuesOnAnEarlierDate_noConflict() {
        // only the latest date matters: e3 (2020-05-01) counts, e1 and e2 are superseded
        item("e1", "k.n", 5, "2020-03-01").item("e2", "k.n", 6, "2020-03-01").item("e3", "k.n", 7, "2020-05-01");
        EvidenceCounter.Counted c = count();
        assertEquals(List.of(), c.conflicts());
        assertEquals("e3", c.measures().get("k.n").id());
        assertEquals(Map.of("e1", NotAcceptedReason.SUPERSEDED, "e2", NotAcceptedReason.SUPERSEDED), reasons(c));
    }

    // ---------------------------------------------------------------- survey validity

    @Test
    void count_respondentsBelowMinimum_surveyKeysInvalid() {
        // 29 < 30: s.score does not count; the respondents item itself still counts
        item("e1", "s.respondents", 29, "2020-05-01").item("e2", "s.score", 90, "2020-05-01");
        EvidenceCounter.Counted c = count();
        assertFalse(c.measures().containsKey("s.score"));
        assertTrue(c.measures().containsKey("s.respondents"));
        assertEquals(Map.of("e2", NotAcceptedReason.INVALID_SURVEY), reasons(c));
    }

    @Test
    void count_respondentsAtMinimum_surveyKeysCount() {
        item("e1", "s.respondents", 30, "2020-05-01").item("e2", "s.score", 90, "2020-05-01");
        EvidenceCounter.Counted c = count();
        assertEquals("e2", c.measures().get("s.score").id());
        assertEquals(List.of(), c.notAccepted());
    }

    @Test
    void count_respondentsAbsent_surveyKeysInvalid() {
        item("e2", "s.score", 90, "2020-05-01");
        EvidenceCounter.Counted c = count();
        assertFalse(c.measures().containsKey("s.score"));
        assertEquals(Map.of("e2", NotAcceptedReason.INVALID_SURVEY), reasons(c));
    }

    @Test
    void count_respondentsUnverifiedInAcceptance_surveyKeysInvalid() {
        item("e1", "s.respondents", 300, "2020-05-01", false).item("e2", "s.score", 90, "2020-05-01");
        EvidenceCounter.Counted c = count();
        assertFalse(c.measures().containsKey("s.score"));
        assertEquals(Map.of("e1", NotAcceptedReason.UNVERIFIED, "e2", NotAcceptedReason.INVALID_SURVEY), reasons(c));
    }

    // ---------------------------------------------------------------- incidents

    @Test
    void count_incidentWindowFromTwentyNinthFebruary_startsAfterTwentyEighthFebruary() {
        // 2016-02-29 − 36 months = 2013-02-28; counted: after 2013-02-28 and on or before 2016-02-29
        incident("i1", "2013-02-28").incident("i2", "2013-03-01").incident("i3", "2016-02-29")
                .incident("i4", "2016-03-01");
        List<String> counted = count(Mode.ACCEPTANCE, "2016-02-29").incidents().stream()
                .map(CountedIncident::id).toList();
        assertEquals(List.of("i2", "i3"), counted);
    }

    @Test
    void count_incidentWindowOrdinaryDate_excludesTheDayExactlyNMonthsBefore() {
        // 2020-10-15 − 36 months = 2017-10-15 (excluded), 2017-10-16 included
        incident("i1", "2017-10-15").incident("i2", "2017-10-16").incident("i3", "2020-10-15");
        List<String> counted = count().incidents().stream().map(CountedIncident::id).toList();
        assertEquals(List.of("i2", "i3"), counted);
    }

    @Test
    void count_incidentsInSelfAndAcceptance_sameIncidentsCount() {
        // incidents are official records: the mode does not filter them
        incident("i1", "2019-01-01");
        assertEquals(count(Mode.SELF, "2020-10-15").incidents(), count(Mode.ACCEPTANCE, "2020-10-15").incidents());
        assertEquals(1, count().incidents().size());
    }
}
