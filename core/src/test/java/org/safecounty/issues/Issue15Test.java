package org.safecounty.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.Assessor;
import org.safecounty.MiniPack;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.CountyRef;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.result.ResultJson;
import org.safecounty.result.StandardRef;
import org.safecounty.submission.AssessmentInfo;
import org.safecounty.submission.County;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;
import org.safecounty.submission.SubmissionLimits;

/**
 * Issue 15, "one validation pass per submission": {@code Assessor.assess(String)} read a submission
 * with {@code SubmissionReader}, which checked its fields, keys and values, and then ran
 * {@code ModelCheck} over the same submission again (only over one the reader had accepted, so it
 * never added a problem there: the work was done twice). {@code assess(Submission)} ran only
 * {@code ModelCheck}, which had its own wording for the same slips ("编号重复：m-01" beside "编号
 * m-01 与 evidence[0] 重复"), its own codes and paths ({@code county.population NOT_POSITIVE} for a
 * negative population the reader calls {@code NEGATIVE}, {@code county} for
 * {@code county.townships}) and none of the reader's checks of the division code, empty names,
 * the date before the year, incident levels, kinds and hours, or the numbers of items. Now each
 * check is in one place ({@code ModelCheck}), the reader calls it as it reads each field, and a
 * submission built in Java goes through the same checks: one problem per slip, the same on both
 * ways in.
 *
 * <p>Part "results carry the county's city, year and names": a result named its county by code and
 * name only and said nothing of the year, so {@code safecounty report} and {@code diff} read each
 * submission file again for its city and year. A result now carries {@code county.city},
 * {@code year}, {@code date} and the standard's names {@code zh} and {@code en}.
 *
 * <p>The slips are made on the mini pack's base submission: evidence[0] {@code a.checks} (COUNT),
 * [1] {@code a.hours} (NUMBER), [2] {@code a.plan} (BOOL), [4] id {@code m-05}, [8]
 * {@code s.score} (PERCENT); incidents[0] {@code i-01}.
 */
class Issue15Test {

    /** One slip, made once in the JSON and once in the submission built in Java, and what it is. */
    record Slip(String name, Consumer<ObjectNode> json, UnaryOperator<Submission> java, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Slip> slips() {
        return Stream.of(
                new Slip("unknown key",
                        s -> evidence(s, 1).put("key", "a.nope"),
                        s -> item(s, 1, i -> new EvidenceItem(i.id(), "a.nope", i.value(), i.date(), i.verified(),
                                i.source(), i.document(), i.index())),
                        "evidence[1].key UNKNOWN_KEY"),
                new Slip("wrong type for the key (a number for a BOOL)",
                        s -> evidence(s, 2).put("value", 1),
                        s -> item(s, 2, i -> value(i, BigDecimal.ONE)),
                        "evidence[2].value WRONG_TYPE"),
                new Slip("wrong type for the key (a flag for a COUNT)",
                        s -> evidence(s, 0).put("value", true),
                        s -> item(s, 0, i -> value(i, Boolean.TRUE)),
                        "evidence[0].value WRONG_TYPE"),
                new Slip("percentage over 100",
                        s -> evidence(s, 8).put("value", new BigDecimal("100.5")),
                        s -> item(s, 8, i -> value(i, new BigDecimal("100.5"))),
                        "evidence[8].value PERCENT_ABOVE_100"),
                new Slip("fractional count",
                        s -> evidence(s, 0).put("value", new BigDecimal("1000.5")),
                        s -> item(s, 0, i -> value(i, new BigDecimal("1000.5"))),
                        "evidence[0].value NOT_WHOLE"),
                new Slip("duplicate id",
                        s -> evidence(s, 4).put("id", "m-01"),
                        s -> item(s, 4, i -> new EvidenceItem("m-01", i.key(), i.value(), i.date(), i.verified(),
                                i.source(), i.document(), i.index())),
                        "evidence[4].id DUPLICATE_ID"),
                new Slip("negative population",
                        s -> county(s).put("population", -200000),
                        s -> county(s, c -> new County(c.code(), c.name(), c.city(), -200000, c.townships(), c.villages())),
                        "county.population NEGATIVE"),
                new Slip("population 0",
                        s -> county(s).put("population", 0),
                        s -> county(s, c -> new County(c.code(), c.name(), c.city(), 0, c.townships(), c.villages())),
                        "county.population NOT_POSITIVE"),
                new Slip("negative townships",
                        s -> county(s).put("townships", -1),
                        s -> county(s, c -> new County(c.code(), c.name(), c.city(), c.population(), -1, c.villages())),
                        "county.townships NEGATIVE"),
                new Slip("division code of five digits",
                        s -> county(s).put("code", "99001"),
                        s -> county(s, c -> new County("99001", c.name(), c.city(), c.population(), c.townships(), c.villages())),
                        "county.code BAD_CODE"),
                new Slip("blank county name",
                        s -> county(s).put("name", " "),
                        s -> county(s, c -> new County(c.code(), " ", c.city(), c.population(), c.townships(), c.villages())),
                        "county.name EMPTY"),
                new Slip("assessment date before its year",
                        s -> ((ObjectNode) s.get("assessment")).put("date", "2019-12-31"),
                        s -> assessment(s, a -> new AssessmentInfo(a.standard(), a.year(), LocalDate.of(2019, 12, 31), a.mode())),
                        "assessment.date DATE_BEFORE_YEAR"),
                new Slip("unknown standard",
                        s -> ((ObjectNode) s.get("assessment")).put("standard", "other-standard"),
                        s -> assessment(s, a -> new AssessmentInfo("other-standard", a.year(), a.date(), a.mode())),
                        "assessment.standard UNKNOWN_STANDARD"),
                new Slip("negative evidence value",
                        s -> evidence(s, 1).put("value", -1),
                        s -> item(s, 1, i -> value(i, BigDecimal.ONE.negate())),
                        "evidence[1].value NEGATIVE"),
                new Slip("evidence value missing",
                        s -> evidence(s, 1).remove("value"),
                        s -> item(s, 1, i -> value(i, null)),
                        "evidence[1].value REQUIRED"),
                new Slip("unknown incident level",
                        s -> incident(s).put("level", "V"),
                        s -> incident(s, i -> new Incident(i.id(), i.date(), "V", i.kind(), i.reportedWithinHours(),
                                i.concealed(), i.index())),
                        "incidents[0].level UNKNOWN_VALUE"),
                new Slip("negative hours to report an incident",
                        s -> incident(s).put("reportedWithinHours", -1),
                        s -> incident(s, i -> new Incident(i.id(), i.date(), i.level(), i.kind(), BigDecimal.ONE.negate(),
                                i.concealed(), i.index())),
                        "incidents[0].reportedWithinHours NEGATIVE"),
                new Slip("incident id used by evidence",
                        s -> incident(s).put("id", "m-01"),
                        s -> incident(s, i -> new Incident("m-01", i.date(), i.level(), i.kind(), i.reportedWithinHours(),
                                i.concealed(), i.index())),
                        "incidents[0].id DUPLICATE_ID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void assessJson_oneSlip_exactlyOneProblem(Slip slip) {
        ObjectNode s = MiniPack.base();
        slip.json().accept(s);
        assertEquals(List.of(slip.expected()), pathsAndCodes(MiniPack.reject(s)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slips")
    void assessSubmission_oneSlip_theSameProblemAsItsJson(Slip slip) {
        ObjectNode s = MiniPack.base();
        slip.json().accept(s);
        List<Problem> fromJson = MiniPack.reject(s);
        List<Problem> fromJava = reject(MiniPack.assessor(), slip.java().apply(base()));
        assertEquals(List.of(slip.expected()), pathsAndCodes(fromJava));
        assertEquals(fromJson, fromJava, "the same path, code and wording in both languages");
    }

    @Test
    void assessJson_theSixSlipsOfTheReport_oneProblemEach() {
        ObjectNode s = MiniPack.base();
        List<Slip> six = reported();
        six.forEach(slip -> slip.json().accept(s));
        assertEquals(List.of("county.population NEGATIVE", "evidence[0].value NOT_WHOLE", "evidence[1].key UNKNOWN_KEY",
                "evidence[2].value WRONG_TYPE", "evidence[4].id DUPLICATE_ID", "evidence[8].value PERCENT_ABOVE_100"),
                pathsAndCodes(MiniPack.reject(s)));
    }

    @Test
    void assessSubmission_theSixSlipsOfTheReport_theSameProblemsAsTheirJson() {
        ObjectNode s = MiniPack.base();
        Submission java = base();
        for (Slip slip : reported()) {
            slip.json().accept(s);
            java = slip.java().apply(java);
        }
        assertEquals(MiniPack.reject(s), reject(MiniPack.assessor(), java));
    }

    @Test
    void assessSubmission_moreEvidenceThanTheLimit_rejectedAsItsJsonIs() {
        Assessor limited = MiniPack.assessor().withLimits(new SubmissionLimits(5_000_000, 8, 1_000, 2_000, 16));
        List<Problem> fromJson = assertInstanceOf(Outcome.Rejected.class,
                limited.assess(MiniPack.json(MiniPack.base()))).problems();
        assertEquals(List.of("evidence LIMIT_EXCEEDED"), pathsAndCodes(fromJson));
        assertEquals(fromJson, reject(limited, base()));
    }

    @Test
    void assessSubmission_valid_sameResultAsItsJson() {
        Outcome fromJson = MiniPack.assessor().assess(MiniPack.json(MiniPack.base()));
        assertEquals(fromJson, MiniPack.assessor().assess(base()));
    }

    // ---------------------------------------------------------------- results carry the county's city, year and names

    @Test
    void assess_result_carriesCityYearDateAndTheStandardsNames() {
        AssessmentResult r = MiniPack.assess(MiniPack.base());
        assertEquals(new CountyRef("990001", "测试县", "测试市"), r.county());
        assertEquals(2020, r.year());
        assertEquals(LocalDate.of(2020, 10, 15), r.date());
        assertEquals(Mode.ACCEPTANCE, r.mode());
        assertEquals("迷你测试标准", r.standard().zh());
        assertEquals("Mini test standard", r.standard().en());
    }

    @Test
    void resultJson_writesCityYearDateAndNames() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new ResultJson().write(MiniPack.assess(MiniPack.base())));
        assertEquals("测试市", json.path("county").path("city").asText());
        assertEquals(2020, json.path("year").intValue());
        assertEquals("2020-10-15", json.path("date").textValue());
        assertEquals("迷你测试标准", json.path("standard").path("zh").textValue());
        assertEquals("Mini test standard", json.path("standard").path("en").textValue());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("county", "standard", "year", "date", "mode", "verdict"), fields.subList(0, 6));
    }

    @Test
    void assess_submissionWithoutCity_resultCityIsEmpty() {
        ObjectNode s = MiniPack.base();
        county(s).remove("city");
        assertEquals("", MiniPack.assess(s).county().city());
        Submission java = county(base(), c -> new County(c.code(), c.name(), null, c.population(), c.townships(), c.villages()));
        Outcome outcome = MiniPack.assessor().assess(java);
        assertEquals("", assertInstanceOf(Outcome.Assessed.class, outcome).result().county().city());
    }

    @Test
    void resultJson_packWithoutNames_leavesThemOut() throws Exception {
        StandardRef unnamed = new StandardRef("some-pack", "1.0", "abc");
        assertEquals("{\"id\":\"some-pack\",\"version\":\"1.0\",\"sha256\":\"abc\"}",
                new ObjectMapper().writeValueAsString(unnamed));
    }

    // ---------------------------------------------------------------- helpers

    /** The six slips of the user's report: unknown key, wrong type, percentage, fraction, duplicate id, negative population. */
    private static List<Slip> reported() {
        List<String> names = List.of("unknown key", "wrong type for the key (a number for a BOOL)", "percentage over 100",
                "fractional count", "duplicate id", "negative population");
        List<Slip> six = slips().filter(slip -> names.contains(slip.name())).toList();
        assertEquals(6, six.size());
        return six;
    }

    /** The mini pack's base submission, read from its JSON. */
    private static Submission base() {
        return new SubmissionReader().read(MiniPack.json(MiniPack.base()),
                id -> MiniPack.assessor().pack(id).map(p -> p.catalogue().keys())).submission().orElseThrow();
    }

    private static List<Problem> reject(Assessor assessor, Submission s) {
        Outcome outcome = assessor.assess(s);
        return assertInstanceOf(Outcome.Rejected.class, outcome, () -> "expected a rejection, was " + outcome).problems();
    }

    private static List<String> pathsAndCodes(List<Problem> problems) {
        return problems.stream().map(p -> p.path() + " " + p.code()).toList();
    }

    private static ObjectNode county(ObjectNode s) {
        return (ObjectNode) s.get("county");
    }

    private static ObjectNode evidence(ObjectNode s, int index) {
        return (ObjectNode) s.get("evidence").get(index);
    }

    private static ObjectNode incident(ObjectNode s) {
        return (ObjectNode) s.get("incidents").get(0);
    }

    private static Submission county(Submission s, UnaryOperator<County> change) {
        return new Submission(change.apply(s.county()), s.assessment(), s.evidence(), s.incidents());
    }

    private static Submission assessment(Submission s, UnaryOperator<AssessmentInfo> change) {
        return new Submission(s.county(), change.apply(s.assessment()), s.evidence(), s.incidents());
    }

    private static Submission item(Submission s, int index, UnaryOperator<EvidenceItem> change) {
        List<EvidenceItem> items = new ArrayList<>(s.evidence());
        items.set(index, change.apply(items.get(index)));
        return new Submission(s.county(), s.assessment(), items, s.incidents());
    }

    private static Submission incident(Submission s, UnaryOperator<Incident> change) {
        List<Incident> incidents = new ArrayList<>(s.incidents());
        incidents.set(0, change.apply(incidents.get(0)));
        return new Submission(s.county(), s.assessment(), s.evidence(), incidents);
    }

    private static EvidenceItem value(EvidenceItem i, Object value) {
        return new EvidenceItem(i.id(), i.key(), value, i.date(), i.verified(), i.source(), i.document(), i.index());
    }
}
