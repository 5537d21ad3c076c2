package org.safecounty.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.Problem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;

/** Reading and checking submissions against a hand-built key catalogue of the standard "toy-std". */
class SubmissionReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Map<String, KeySpec> KEYS = Map.of(
            "k.flag", new KeySpec("k.flag", KeyType.BOOL, "标志", "flag", null),
            "k.count", new KeySpec("k.count", KeyType.COUNT, "计数", "count", null),
            "k.pct", new KeySpec("k.pct", KeyType.PERCENT, "百分比", "percent", null),
            "k.num", new KeySpec("k.num", KeyType.NUMBER, "数值", "number", null));

    private final SubmissionReader reader = new SubmissionReader();

    /** A valid submission: evidence[0] k.flag, [1] k.count, [2] k.pct, [3] k.num; incidents[0]. */
    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {
                      "county": { "code": "990001", "name": "测试县", "city": "测试市",
                                  "population": 1000, "townships": 2, "villages": 20 },
                      "assessment": { "standard": "toy-std", "year": 2020, "date": "2020-10-15", "mode": "SELF" },
                      "evidence": [
                        { "id": "e1", "key": "k.flag", "value": true, "date": "2020-01-02", "verified": true,
                          "source": "办公室", "document": "文件1号" },
                        { "id": "e2", "key": "k.count", "value": 12, "date": "2020-01-02" },
                        { "id": "e3", "key": "k.pct", "value": 55.5, "date": "2020-01-02" },
                        { "id": "e4", "key": "k.num", "value": 0.25, "date": "2020-01-02" }
                      ],
                      "incidents": [
                        { "id": "i1", "date": "2019-05-01", "level": "III", "kind": "DRUG",
                          "reportedWithinHours": 0.5, "concealed": true }
                      ]
                    }
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SubmissionReader.Read read(String json) {
        SubmissionReader.Read read = reader.read(json, id -> id.equals("toy-std") ? Optional.of(KEYS) : Optional.empty());
        for (Problem p : read.problems()) {
            assertFalse(p.zh().isBlank(), () -> "no Chinese message: " + p);
            assertFalse(p.en().isBlank(), () -> "no English message: " + p);
            assertFalse(p.path().isBlank(), () -> "no path: " + p);
        }
        assertTrue(read.submission().isEmpty() != read.problems().isEmpty(),
                "a read gives a submission or problems, never both, never neither");
        return read;
    }

    private SubmissionReader.Read read(JsonNode node) {
        return read(node.toString());
    }

    /** The problems as "path CODE", in order. */
    private List<String> problems(JsonNode node) {
        return problems(node.toString());
    }

    private List<String> problems(String json) {
        return read(json).problems().stream().map(p -> p.path() + " " + p.code()).toList();
    }

    private static ObjectNode evidence(ObjectNode s, int i) {
        return (ObjectNode) s.withArray("evidence").get(i);
    }

    private static ObjectNode incident(ObjectNode s, int i) {
        return (ObjectNode) s.withArray("incidents").get(i);
    }

    // ---------------------------------------------------------------- valid

    @Test
    void read_validSubmission_givesEveryField() {
        SubmissionReader.Read read = read(valid());
        assertEquals(List.of(), read.problems());
        Submission s = read.submission().orElseThrow();
        assertEquals("990001", s.county().code());
        assertEquals(1000, s.county().population());
        assertEquals(Mode.SELF, s.assessment().mode());
        assertEquals(LocalDate.of(2020, 10, 15), s.assessment().date());
        assertEquals(4, s.evidence().size());
        assertEquals(Boolean.TRUE, s.evidence().get(0).value());
        assertEquals(Optional.of("文件1号"), s.evidence().get(0).document());
        assertTrue(s.evidence().get(0).verified());
        assertFalse(s.evidence().get(1).verified(), "verified defaults to false");
        assertEquals(0, ((BigDecimal) s.evidence().get(2).value()).compareTo(new BigDecimal("55.5")));
        assertEquals("evidence[3]", s.evidence().get(3).path());
        Incident i = s.incidents().get(0);
        assertEquals("III", i.level());
        assertTrue(i.concealed());
        assertEquals("incidents[0]", i.path());
    }

    @Test
    void read_incidentsAbsent_meansNone() {
        ObjectNode s = valid();
        s.remove("incidents");
        assertEquals(List.of(), read(s).submission().orElseThrow().incidents());
    }

    @Test
    void read_concealedAbsent_defaultsToFalse() {
        ObjectNode s = valid();
        incident(s, 0).remove("concealed");
        assertFalse(read(s).submission().orElseThrow().incidents().get(0).concealed());
    }

    // ---------------------------------------------------------------- unknown fields and keys

    @Test
    void read_unknownRootField_isUnknownField() {
        ObjectNode s = valid();
        s.put("colour", "red");
        assertEquals(List.of("colour UNKNOWN_FIELD"), problems(s));
    }

    @Test
    void read_unknownCountyField_isUnknownFieldWithCountyPath() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("area", 12);
        assertEquals(List.of("county.area UNKNOWN_FIELD"), problems(s));
    }

    @Test
    void read_unknownAssessmentField_isUnknownField() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("assessor", "x");
        assertEquals(List.of("assessment.assessor UNKNOWN_FIELD"), problems(s));
    }

    @Test
    void read_unknownEvidenceItemField_isUnknownFieldWithItemPath() {
        ObjectNode s = valid();
        evidence(s, 2).put("comment", "x");
        assertEquals(List.of("evidence[2].comment UNKNOWN_FIELD"), problems(s));
    }

    @Test
    void read_unknownIncidentField_isUnknownFieldWithIncidentPath() {
        ObjectNode s = valid();
        incident(s, 0).put("victims", 3);
        assertEquals(List.of("incidents[0].victims UNKNOWN_FIELD"), problems(s));
    }

    @Test
    void read_unknownKey_isUnknownKey() {
        ObjectNode s = valid();
        evidence(s, 1).put("key", "k.nothing");
        assertEquals(List.of("evidence[1].key UNKNOWN_KEY"), problems(s));
    }

    // ---------------------------------------------------------------- values

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "0 | 1",        // BOOL given a number
            "0 | \"true\"", // BOOL given a string
            "1 | \"12\"",   // COUNT given a string
            "1 | true",     // COUNT given a boolean
            "2 | \"50\"",   // PERCENT given a string
            "2 | false",    // PERCENT given a boolean
            "3 | \"x\"",    // NUMBER given a string
            "3 | true",     // NUMBER given a boolean
            "3 | [1]",      // NUMBER given an array
    })
    void read_valueOfWrongTypeForKeyType_isWrongType(int index, String value) throws Exception {
        ObjectNode s = valid();
        evidence(s, index).set("value", JSON.readTree(value));
        assertEquals(List.of("evidence[" + index + "].value WRONG_TYPE"), problems(s));
    }

    @ParameterizedTest(name = "evidence[{0}] = {1}")
    @CsvSource({"1, -1", "2, -0.5", "3, -0.001"})
    void read_negativeNumber_isNegative(int index, String value) {
        ObjectNode s = valid();
        evidence(s, index).put("value", new BigDecimal(value));
        assertEquals(List.of("evidence[" + index + "].value NEGATIVE"), problems(s));
    }

    @Test
    void read_percentOverHundred_isPercentAbove100() {
        ObjectNode s = valid();
        evidence(s, 2).put("value", new BigDecimal("100.01"));
        assertEquals(List.of("evidence[2].value PERCENT_ABOVE_100"), problems(s));
    }

    @Test
    void read_percentOfExactlyHundred_isAccepted() {
        ObjectNode s = valid();
        evidence(s, 2).put("value", 100);
        assertEquals(List.of(), problems(s));
    }

    @Test
    void read_fractionalCount_isNotWhole() {
        ObjectNode s = valid();
        evidence(s, 1).put("value", new BigDecimal("1400.5"));
        assertEquals(List.of("evidence[1].value NOT_WHOLE"), problems(s));
    }

    @Test
    void read_countWrittenWithZeroFraction_isAccepted() {
        String json = valid().toString().replace("\"value\":12", "\"value\":1400.0");
        SubmissionReader.Read read = read(json);
        assertEquals(List.of(), read.problems());
        assertEquals(0, ((BigDecimal) read.submission().orElseThrow().evidence().get(1).value())
                .compareTo(BigDecimal.valueOf(1400)));
    }

    @Test
    void read_valueAbsent_isRequired() {
        ObjectNode s = valid();
        evidence(s, 3).remove("value");
        assertEquals(List.of("evidence[3].value REQUIRED"), problems(s));
    }

    @Test
    void read_valueNull_isRequired() {
        ObjectNode s = valid();
        evidence(s, 3).putNull("value");
        assertEquals(List.of("evidence[3].value REQUIRED"), problems(s));
    }

    // ---------------------------------------------------------------- ids

    @Test
    void read_duplicateEvidenceId_isDuplicateIdAtTheSecond() {
        ObjectNode s = valid();
        evidence(s, 3).put("id", "e2");
        List<Problem> problems = read(s).problems();
        assertEquals(List.of("evidence[3].id DUPLICATE_ID"), problems.stream().map(p -> p.path() + " " + p.code()).toList());
        assertTrue(problems.get(0).en().contains("evidence[1]"), problems.get(0).en());
    }

    @Test
    void read_incidentIdUsedByEvidence_isDuplicateId() {
        ObjectNode s = valid();
        incident(s, 0).put("id", "e1");
        assertEquals(List.of("incidents[0].id DUPLICATE_ID"), problems(s));
    }

    // ---------------------------------------------------------------- dates

    @Test
    void read_thirtiethFebruary_isBadDate() {
        ObjectNode s = valid();
        evidence(s, 0).put("date", "2014-02-30");
        assertEquals(List.of("evidence[0].date BAD_DATE"), problems(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-13-01", "2020/01/02", "02.01.2020", "2019-02-29", ""})
    void read_unparseableEvidenceDate_isRejectedAtItsDate(String date) {
        ObjectNode s = valid();
        evidence(s, 1).put("date", date);
        List<String> problems = problems(s);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("evidence[1].date "), problems.toString());
    }

    @Test
    void read_badAssessmentDate_isBadDate() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("date", "2020-02-30");
        assertEquals(List.of("assessment.date BAD_DATE"), problems(s));
    }

    @Test
    void read_badIncidentDate_isBadDate() {
        ObjectNode s = valid();
        incident(s, 0).put("date", "2019-04-31");
        assertEquals(List.of("incidents[0].date BAD_DATE"), problems(s));
    }

    // ---------------------------------------------------------------- standard, choices

    @Test
    void read_unknownStandard_isUnknownStandard() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("standard", "no-such-standard");
        assertEquals(List.of("assessment.standard UNKNOWN_STANDARD"), problems(s));
    }

    @Test
    void read_unknownMode_isUnknownValue() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("mode", "AUDIT");
        assertEquals(List.of("assessment.mode UNKNOWN_VALUE"), problems(s));
    }

    @Test
    void read_lowerCaseMode_isUnknownValue() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("mode", "self");
        assertEquals(List.of("assessment.mode UNKNOWN_VALUE"), problems(s));
    }

    @Test
    void read_unknownIncidentLevel_isUnknownValue() {
        ObjectNode s = valid();
        incident(s, 0).put("level", "V");
        assertEquals(List.of("incidents[0].level UNKNOWN_VALUE"), problems(s));
    }

    @Test
    void read_unknownIncidentKind_isUnknownValue() {
        ObjectNode s = valid();
        incident(s, 0).put("kind", "WATER");
        assertEquals(List.of("incidents[0].kind UNKNOWN_VALUE"), problems(s));
    }

    @Test
    void read_incidentWithoutReportedHours_isRequired() {
        ObjectNode s = valid();
        incident(s, 0).remove("reportedWithinHours");
        assertEquals(List.of("incidents[0].reportedWithinHours REQUIRED"), problems(s));
    }

    @Test
    void read_negativeReportedHours_isNegative() {
        ObjectNode s = valid();
        incident(s, 0).put("reportedWithinHours", -1);
        assertEquals(List.of("incidents[0].reportedWithinHours NEGATIVE"), problems(s));
    }

    // ---------------------------------------------------------------- county

    @Test
    void read_populationZero_isNotPositive() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("population", 0);
        assertEquals(List.of("county.population NOT_POSITIVE"), problems(s));
    }

    @Test
    void read_negativeTownships_isNegative() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("townships", -1);
        assertEquals(List.of("county.townships NEGATIVE"), problems(s));
    }

    @Test
    void read_zeroTownshipsAndVillages_isAccepted() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("townships", 0).put("villages", 0);
        assertEquals(List.of(), problems(s));
    }

    @Test
    void read_fractionalPopulation_isNotWhole() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("population", new BigDecimal("1000.5"));
        assertEquals(List.of("county.population NOT_WHOLE"), problems(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99001", "9900011", "99001X", " 990001", "９９０００１"})
    void read_countyCodeNotSixDigits_isBadCode(String code) {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("code", code);
        assertEquals(List.of("county.code BAD_CODE"), problems(s));
    }

    @Test
    void read_countyCodeAsNumber_isWrongType() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("county")).put("code", 990001);
        assertEquals(List.of("county.code WRONG_TYPE"), problems(s));
    }

    @Test
    void read_countyMissing_isRequired() {
        ObjectNode s = valid();
        s.remove("county");
        assertEquals(List.of("county REQUIRED"), problems(s));
    }

    @Test
    void read_evidenceMissing_isRequired() {
        ObjectNode s = valid();
        s.remove("evidence");
        assertEquals(List.of("evidence REQUIRED"), problems(s));
    }

    // ---------------------------------------------------------------- JSON itself

    @Test
    void read_malformedJson_isSyntaxAtRoot() {
        assertEquals(List.of("$ SYNTAX"), problems("{\"county\": {\"code\": \"990001\",}"));
    }

    @Test
    void read_emptyText_isRejectedAtRoot() {
        List<String> problems = problems("");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("$ "), problems.toString());
    }

    @Test
    void read_duplicateJsonKey_isSyntaxAtRoot() {
        String json = valid().toString().replace("\"value\":12,", "\"value\":12,\"value\":13,");
        assertEquals(List.of("$ SYNTAX"), problems(json));
    }

    @Test
    void read_nonNumericNumber_isSyntax() {
        String json = valid().toString().replace("\"value\":0.25", "\"value\":NaN");
        assertEquals(List.of("$ SYNTAX"), problems(json));
    }

    @Test
    void read_arrayAtRoot_isWrongTypeAtRoot() {
        assertEquals(List.of("$ WRONG_TYPE"), problems("[]"));
    }

    // ---------------------------------------------------------------- several at once

    @Test
    void read_severalProblems_allListedAtOnce() {
        ObjectNode s = valid();
        s.put("extra", 1);
        ((ObjectNode) s.get("county")).put("code", "12345").put("population", 0);
        ((ObjectNode) s.get("assessment")).put("mode", "OTHER");
        evidence(s, 0).put("value", 1);
        evidence(s, 1).put("value", new BigDecimal("2.5"));
        evidence(s, 2).put("value", 101);
        evidence(s, 3).put("key", "k.unknown");
        ArrayNode list = s.withArray("evidence");
        list.addObject().put("id", "e1").put("key", "k.num").put("value", 1).put("date", "2020-02-30");
        incident(s, 0).put("level", "X").put("kind", "Y");
        List<String> problems = problems(s);
        assertEquals(List.of(
                "extra UNKNOWN_FIELD",
                "county.code BAD_CODE",
                "county.population NOT_POSITIVE",
                "assessment.mode UNKNOWN_VALUE",
                "evidence[0].value WRONG_TYPE",
                "evidence[1].value NOT_WHOLE",
                "evidence[2].value PERCENT_ABOVE_100",
                "evidence[3].key UNKNOWN_KEY",
                "evidence[4].id DUPLICATE_ID",
                "evidence[4].date BAD_DATE",
                "incidents[0].level UNKNOWN_VALUE",
                "incidents[0].kind UNKNOWN_VALUE"), problems);
    }

    @Test
    void read_unknownStandardWithOtherProblems_listsThemAll() {
        ObjectNode s = valid();
        ((ObjectNode) s.get("assessment")).put("standard", "nope");
        ((ObjectNode) s.get("county")).put("population", 0);
        evidence(s, 1).put("date", "2020-02-31");
        assertEquals(List.of("county.population NOT_POSITIVE", "assessment.standard UNKNOWN_STANDARD",
                "evidence[1].date BAD_DATE"), problems(s));
    }
}
