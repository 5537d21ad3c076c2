package org.safecounty.internal.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.result.Problem;
import org.safecounty.submission.AssessmentInfo;
import org.safecounty.submission.County;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Mode;
import org.safecounty.submission.Submission;
import org.safecounty.submission.SubmissionLimits;

/**
 * Reads a submission in the exchange format and checks it against a key catalogue, in one pass.
 * The reader checks what only JSON text can get wrong: its syntax and size, unknown fields, fields
 * of the wrong JSON type, fractions where a whole number belongs, dates that do not parse, an
 * unknown mode. What a submission built in Java can get wrong too (required and empty texts, the
 * division code, the county's sizes, the standard, ids, keys and values) is checked by
 * {@link ModelCheck}, called for each field as it is read. Every problem is listed with its JSON
 * path; a submission with any problem is not returned at all, so that it can never be scored in part.
 */
public final class SubmissionReader {

    /**
     * The JSON Schema (draft 2020-12) of the exchange format, on the classpath of the core jar: for
     * an editor or another system to check a submission's fields and types before sending it. The
     * reader checks all it does and more (the standard's keys, repeated ids, a date before the year).
     */
    public static final String SCHEMA = "org/safecounty/schema/submission.schema.json";

    private static final Set<String> ROOT_FIELDS = Set.of("county", "assessment", "evidence", "incidents");
    private static final Set<String> COUNTY_FIELDS = Set.of("code", "name", "city", "population", "townships",
            "villages");
    private static final Set<String> ASSESSMENT_FIELDS = Set.of("standard", "year", "date", "mode");
    private static final Set<String> EVIDENCE_FIELDS = Set.of("id", "key", "value", "date", "verified", "source",
            "document");
    private static final Set<String> INCIDENT_FIELDS = Set.of("id", "date", "level", "kind", "reportedWithinHours",
            "concealed");

    private final SubmissionLimits limits;
    private final JsonMapper mapper;

    public SubmissionReader() {
        this(SubmissionLimits.defaults());
    }

    public SubmissionReader(SubmissionLimits limits) {
        this.limits = limits;
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth()).maxStringLength(limits.maxTextLength())
                        .maxNumberLength(100).maxDocumentLength(limits.maxChars()).build()).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    public SubmissionLimits limits() {
        return limits;
    }

    /** The outcome of reading: a submission, or the problems that reject it. */
    public record Read(Optional<Submission> submission, List<Problem> problems) {
    }

    /**
     * Reads and checks a submission.
     *
     * @param json      the submission's JSON text
     * @param keysOf    the key catalogue of the standard a submission names; empty for an unknown standard
     */
    public Read read(String json, Function<String, Optional<Map<String, KeySpec>>> keysOf) {
        Problems problems = new Problems();
        if (json.length() > limits.maxChars()) {
            problems.add("$", "LIMIT_EXCEEDED", "提交内容过大：" + json.length() + " 个字符，上限 " + limits.maxChars(),
                    "the submission is too large: " + json.length() + " characters, at most " + limits.maxChars());
            return new Read(Optional.empty(), problems.list());
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            problems.add("$", "LIMIT_EXCEEDED", "提交内容超出限制：" + e.getOriginalMessage(),
                    "the submission exceeds a limit: " + e.getOriginalMessage());
            return new Read(Optional.empty(), problems.list());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "（第 " + loc.getLineNr() + " 行第 " + loc.getColumnNr() + " 列）";
            String whereEn = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            problems.add("$", "SYNTAX", "不是有效的 JSON" + where + "：" + e.getOriginalMessage(),
                    "not valid JSON" + whereEn + ": " + e.getOriginalMessage());
            return new Read(Optional.empty(), problems.list());
        } catch (NumberFormatException e) {
            // Jackson reads decimals eagerly as BigDecimal and lets an exponent beyond int range
            // (1E+2147484637) escape as a NumberFormatException rather than a JsonProcessingException
            problems.add("$", "SYNTAX", "不是有效的 JSON：无法读取的数字（" + e.getMessage() + "）",
                    "not valid JSON: a number cannot be read (" + e.getMessage() + ")");
            return new Read(Optional.empty(), problems.list());
        }
        if (root == null || !root.isObject()) {
            problems.add("$", "WRONG_TYPE", "提交内容应为 JSON 对象", "a submission must be a JSON object");
            return new Read(Optional.empty(), problems.list());
        }
        return new Walk(problems, keysOf, limits).submission(root);
    }

    /** One pass over one submission: its shape here, its values by a {@link ModelCheck.Pass}. */
    private static final class Walk {
        private final Problems problems;
        private final ModelCheck.Pass check;

        Walk(Problems problems, Function<String, Optional<Map<String, KeySpec>>> keysOf, SubmissionLimits limits) {
            this.problems = problems;
            this.check = new ModelCheck(limits).pass(problems, keysOf);
        }

        Read submission(JsonNode root) {
            onlyFields(root, "", ROOT_FIELDS);
            County county = county(object(root, "county", "county"));
            AssessmentInfo assessment = assessment(object(root, "assessment", "assessment"));
            Map<String, KeySpec> keys = keysOfStandard(root.path("assessment").path("standard"));
            List<EvidenceItem> evidence = evidence(root.get("evidence"), keys);
            List<Incident> incidents = incidents(root.get("incidents"));
            if (!problems.isEmpty() || county == null || assessment == null) {
                return new Read(Optional.empty(), problems.list());
            }
            return new Read(Optional.of(new Submission(county, assessment, evidence, incidents)), List.of());
        }

        /** The key catalogue of the named standard, so that evidence is checked even when other fields fail. */
        private Map<String, KeySpec> keysOfStandard(JsonNode standard) {
            if (!standard.isTextual() || standard.asText().isBlank()) {
                return null;
            }
            return check.standard(standard.asText());
        }

        private County county(JsonNode node) {
            if (node == null) {
                return null;
            }
            onlyFields(node, "county.", COUNTY_FIELDS);
            String code = text(node, "code", "county.code", check::countyCode);
            String name = text(node, "name", "county.name", true);
            String city = text(node, "city", "county.city", false);
            Long population = whole(node, "population", "county.population", true);
            if (population != null) {
                check.population(population);
            }
            Long townships = whole(node, "townships", "county.townships", true);
            Long villages = whole(node, "villages", "county.villages", true);
            if (code == null || name == null || population == null || townships == null || villages == null) {
                return null;
            }
            return new County(code, name, city == null ? "" : city, population, townships, villages);
        }

        private AssessmentInfo assessment(JsonNode node) {
            if (node == null) {
                return null;
            }
            onlyFields(node, "assessment.", ASSESSMENT_FIELDS);
            String standard = text(node, "standard", "assessment.standard", true);
            Long year = whole(node, "year", "assessment.year", true);
            LocalDate date = date(node, "date", "assessment.date");
            Mode mode = Optional.ofNullable(text(node, "mode", "assessment.mode",
                    s -> check.choice("assessment.mode", s, ModelCheck.MODES))).map(Mode::valueOf).orElse(null);
            if (year != null && date != null) {
                check.dateInYear(year, date);
            }
            if (standard == null || year == null || date == null || mode == null) {
                return null;
            }
            return new AssessmentInfo(standard, year.intValue(), date, mode);
        }

        private List<EvidenceItem> evidence(JsonNode node, Map<String, KeySpec> keys) {
            List<EvidenceItem> items = new ArrayList<>();
            if (node == null) {
                problems.required("evidence");
                return items;
            }
            if (!node.isArray()) {
                problems.wrongType("evidence", "数组", "an array");
                return items;
            }
            if (!check.evidenceCount(node.size())) {
                return items;
            }
            for (int i = 0; i < node.size(); i++) {
                EvidenceItem item = evidenceItem(node.get(i), "evidence[" + i + "]", i, keys);
                if (item != null) {
                    items.add(item);
                }
            }
            return items;
        }

        private EvidenceItem evidenceItem(JsonNode node, String path, int index, Map<String, KeySpec> keys) {
            if (!node.isObject()) {
                problems.wrongType(path, "对象", "an object");
                return null;
            }
            onlyFields(node, path + ".", EVIDENCE_FIELDS);
            String id = text(node, "id", path + ".id", s -> check.id(path, s));
            KeySpec spec = text(node, "key", path + ".key", s -> check.key(path, s, keys));
            Object value = check.value(path + ".value", scalar(node.get("value")), spec);
            LocalDate date = date(node, "date", path + ".date");
            Boolean verified = bool(node, "verified", path + ".verified", false);
            String source = text(node, "source", path + ".source", false);
            String document = text(node, "document", path + ".document", false);
            if (id == null || spec == null || value == null || date == null) {
                return null;
            }
            return new EvidenceItem(id, spec.name(), value, date, Boolean.TRUE.equals(verified), Optional.ofNullable(source),
                    Optional.ofNullable(document), index);
        }

        /**
         * A JSON value as the value checks take it: a {@link Boolean}, a {@link BigDecimal}, {@code null}
         * when absent, or else the node itself, which is of no type a value may have.
         */
        private static Object scalar(JsonNode v) {
            if (v == null || v.isNull()) {
                return null;
            }
            return v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? v.decimalValue() : v;
        }

        private List<Incident> incidents(JsonNode node) {
            List<Incident> list = new ArrayList<>();
            if (node == null || node.isNull()) {
                return list;
            }
            if (!node.isArray()) {
                problems.wrongType("incidents", "数组", "an array");
                return list;
            }
            if (!check.incidentCount(node.size())) {
                return list;
            }
            for (int i = 0; i < node.size(); i++) {
                Incident incident = incident(node.get(i), "incidents[" + i + "]", i);
                if (incident != null) {
                    list.add(incident);
                }
            }
            return list;
        }

        private Incident incident(JsonNode node, String path, int index) {
            if (!node.isObject()) {
                problems.wrongType(path, "对象", "an object");
                return null;
            }
            onlyFields(node, path + ".", INCIDENT_FIELDS);
            String id = text(node, "id", path + ".id", s -> check.id(path, s));
            LocalDate date = date(node, "date", path + ".date");
            String level = text(node, "level", path + ".level", s -> check.choice(path + ".level", s, ModelCheck.LEVELS));
            String kind = text(node, "kind", path + ".kind", s -> check.choice(path + ".kind", s, ModelCheck.KINDS));
            BigDecimal reported = check.number(path + ".reportedWithinHours", scalar(node.get("reportedWithinHours")));
            Boolean concealed = bool(node, "concealed", path + ".concealed", false);
            if (id == null || date == null || level == null || kind == null || reported == null) {
                return null;
            }
            return new Incident(id, date, level, kind, reported, Boolean.TRUE.equals(concealed), index);
        }

        private JsonNode object(JsonNode parent, String field, String path) {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) {
                problems.required(path);
                return null;
            }
            if (!n.isObject()) {
                problems.wrongType(path, "对象", "an object");
                return null;
            }
            return n;
        }

        private String text(JsonNode node, String field, String path, boolean required) {
            return text(node, field, path, s -> check.text(path, s, required));
        }

        /**
         * A text field, given to {@code value} for its checks ({@code null} when absent); a field that
         * is there but not a string is the wrong type, and its value is not checked.
         */
        private <T> T text(JsonNode node, String field, String path, Function<String, T> value) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                problems.wrongType(path, "文字", "a string");
                return null;
            }
            return value.apply(v == null || v.isNull() ? null : v.asText());
        }

        private Long whole(JsonNode node, String field, String path, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    problems.required(path);
                }
                return null;
            }
            if (!v.isNumber()) {
                problems.wrongType(path, "整数", "a whole number");
                return null;
            }
            BigDecimal d = v.decimalValue();
            if (d.stripTrailingZeros().scale() > 0) {
                problems.add(path, "NOT_WHOLE", "应为整数", "must be a whole number");
                return null;
            }
            if (!check.notNegative(path, d)) {
                return null;
            }
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                problems.add(path, "TOO_LARGE", "数值过大", "number too large");
                return null;
            }
        }

        private Boolean bool(JsonNode node, String field, String path, boolean fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                problems.wrongType(path, "布尔值（true/false）", "true or false");
                return null;
            }
            return v.booleanValue();
        }

        private LocalDate date(JsonNode node, String field, String path) {
            String text = text(node, field, path, true);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(path, "BAD_DATE", "日期无效，应为 yyyy-MM-dd：" + text,
                        "not a valid date (yyyy-MM-dd): " + text);
                return null;
            }
        }

        private void onlyFields(JsonNode node, String prefix, Set<String> allowed) {
            node.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    problems.unknownField(fieldPath(prefix, f));
                }
            });
        }

        /**
         * The path of a field; a blank name ({@code ""}, {@code " "}) is quoted in brackets so that
         * the path is never empty or blank: {@code $[""]} at the root, {@code county[" "]} below.
         */
        private static String fieldPath(String prefix, String field) {
            if (!field.isBlank()) {
                return prefix + field;
            }
            String parent = prefix.isEmpty() ? "$" : prefix.substring(0, prefix.length() - 1);
            return parent + "[\"" + field + "\"]";
        }
    }
}
