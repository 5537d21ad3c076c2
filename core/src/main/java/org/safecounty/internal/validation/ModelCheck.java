package org.safecounty.internal.validation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.result.Problem;
import org.safecounty.submission.AssessmentInfo;
import org.safecounty.submission.County;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Submission;
import org.safecounty.submission.SubmissionLimits;

/**
 * The checks of a submission's values, each in one place, whether the submission was read from
 * JSON or built in Java: required and non-empty texts, the division code, the county's sizes, a
 * known standard, a date not before the year, the numbers of items, unique ids, keys of the
 * standard's catalogue and values of the key's type and range, incident levels, kinds and hours.
 *
 * <p>{@link SubmissionReader} checks what only JSON can get wrong (syntax, limits of the text,
 * unknown fields, a field of the wrong JSON type, a fraction where a whole number belongs, a date
 * that does not parse, an unknown mode) and calls a {@link Pass} for each field as it reads it, in
 * the order of the document; {@link #check} walks a submission built in Java through the same
 * {@link Pass} in the same order. A submission is so checked once, and the same slip gives the same
 * path, code and message on both ways in.
 */
public final class ModelCheck {

    static final Set<String> MODES = Set.of("SELF", "ACCEPTANCE");
    static final Set<String> LEVELS = Set.of("I", "II", "III", "IV");
    static final Set<String> KINDS = Set.of("FOOD", "DRUG");

    private static final Pattern CODE = Pattern.compile("\\d{6}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final SubmissionLimits limits;

    public ModelCheck() {
        this(SubmissionLimits.defaults());
    }

    public ModelCheck(SubmissionLimits limits) {
        this.limits = limits;
    }

    /**
     * Every problem of a submission built in Java, in the order {@link SubmissionReader} would list
     * them for the same submission written as JSON; empty when it may be assessed.
     *
     * @param keysOf the key catalogue of the standard a submission names; empty for an unknown standard
     */
    public List<Problem> check(Submission s, Function<String, Optional<Map<String, KeySpec>>> keysOf) {
        Problems problems = new Problems();
        Pass pass = pass(problems, keysOf);
        county(s.county(), pass, problems);
        AssessmentInfo a = s.assessment();
        Map<String, KeySpec> keys = null;
        if (a == null) {
            problems.required("assessment");
        } else {
            pass.text("assessment.standard", a.standard(), true);
            boolean year = pass.notNegative("assessment.year", BigDecimal.valueOf(a.year()));
            present("assessment.date", a.date(), problems);
            present("assessment.mode", a.mode(), problems);
            if (year && a.date() != null) {
                pass.dateInYear(a.year(), a.date());
            }
            if (a.standard() != null && !a.standard().isBlank()) {
                keys = pass.standard(a.standard());
            }
        }
        if (pass.evidenceCount(s.evidence().size())) {
            for (EvidenceItem item : s.evidence()) {
                pass.id(item.path(), item.id());
                KeySpec spec = pass.key(item.path(), item.key(), keys);
                pass.value(item.path() + ".value", item.value(), spec);
                present(item.path() + ".date", item.date(), problems);
            }
        }
        if (pass.incidentCount(s.incidents().size())) {
            for (Incident i : s.incidents()) {
                pass.id(i.path(), i.id());
                present(i.path() + ".date", i.date(), problems);
                pass.choice(i.path() + ".level", i.level(), LEVELS);
                pass.choice(i.path() + ".kind", i.kind(), KINDS);
                pass.number(i.path() + ".reportedWithinHours", i.reportedWithinHours());
            }
        }
        return problems.list();
    }

    private static void county(County c, Pass pass, Problems problems) {
        if (c == null) {
            problems.required("county");
            return;
        }
        pass.countyCode(c.code());
        pass.text("county.name", c.name(), true);
        if (pass.notNegative("county.population", BigDecimal.valueOf(c.population()))) {
            pass.population(c.population());
        }
        pass.notNegative("county.townships", BigDecimal.valueOf(c.townships()));
        pass.notNegative("county.villages", BigDecimal.valueOf(c.villages()));
    }

    private static void present(String path, Object value, Problems problems) {
        if (value == null) {
            problems.required(path);
        }
    }

    /** The checks of one submission, adding to {@code problems}; ids are unique within it. */
    Pass pass(Problems problems, Function<String, Optional<Map<String, KeySpec>>> keysOf) {
        return new Pass(problems, keysOf, limits);
    }

    /**
     * The checks of one submission's values, one method a field. Each returns the value when it
     * passes and {@code null} when it does not (the problem is then added).
     */
    static final class Pass {
        private final Problems problems;
        private final Function<String, Optional<Map<String, KeySpec>>> keysOf;
        private final SubmissionLimits limits;
        private final Map<String, String> idPaths = new HashMap<>();

        private Pass(Problems problems, Function<String, Optional<Map<String, KeySpec>>> keysOf, SubmissionLimits limits) {
            this.problems = problems;
            this.keysOf = keysOf;
            this.limits = limits;
        }

        /** A text: given when required, and then not blank. */
        String text(String path, String value, boolean required) {
            if (value == null) {
                if (required) {
                    problems.required(path);
                }
                return null;
            }
            if (required && value.isBlank()) {
                problems.add(path, "EMPTY", "不能为空", "must not be empty");
                return null;
            }
            return value;
        }

        /** {@code county.code}: six digits (GB/T 2260). */
        String countyCode(String code) {
            String text = text("county.code", code, true);
            if (text != null && !CODE.matcher(text).matches()) {
                problems.add("county.code", "BAD_CODE", "行政区划代码应为 6 位数字", "a division code has six digits");
                return null;
            }
            return text;
        }

        /** A number that must not be below 0: a size of the county, the year, a value, hours. */
        boolean notNegative(String path, BigDecimal d) {
            if (d.signum() < 0) {
                problems.add(path, "NEGATIVE", "不能为负数", "must not be negative");
                return false;
            }
            return true;
        }

        /** {@code county.population}, not negative: above 0 too. */
        void population(long population) {
            if (population == 0) {
                problems.add("county.population", "NOT_POSITIVE", "常住人口应大于 0", "population must be above 0");
            }
        }

        /** The key catalogue of the named standard; {@code null} for a standard no pack has. */
        Map<String, KeySpec> standard(String id) {
            Map<String, KeySpec> keys = keysOf.apply(id).orElse(null);
            if (keys == null) {
                problems.add("assessment.standard", "UNKNOWN_STANDARD", "未知的评价标准：" + id, "unknown standard: " + id);
            }
            return keys;
        }

        /** {@code assessment.date}: not before the assessment year. */
        void dateInYear(long year, LocalDate date) {
            if (date.getYear() < year) {
                problems.add("assessment.date", "DATE_BEFORE_YEAR", "评价日期早于评价年度",
                        "the assessment date lies before the assessment year");
            }
        }

        boolean evidenceCount(int size) {
            return atMost("evidence", size, limits.maxEvidence(), "证据过多：" + size + " 项", "too many evidence items: " + size);
        }

        boolean incidentCount(int size) {
            return atMost("incidents", size, limits.maxIncidents(), "事故过多：" + size + " 起", "too many incidents: " + size);
        }

        private boolean atMost(String path, int size, int max, String zh, String en) {
            if (size > max) {
                problems.add(path, "LIMIT_EXCEEDED", zh + "，上限 " + max, en + ", at most " + max);
                return false;
            }
            return true;
        }

        /** The id of the evidence item or incident at {@code itemPath}: given, and used by no item before it. */
        String id(String itemPath, String id) {
            String text = text(itemPath + ".id", id, true);
            if (text == null) {
                return null;
            }
            String first = idPaths.putIfAbsent(text, itemPath);
            if (first != null) {
                problems.add(itemPath + ".id", "DUPLICATE_ID", "编号 " + text + " 与 " + first + " 重复",
                        "id " + text + " is already used by " + first);
                return null;
            }
            return text;
        }

        /** An evidence item's key: given, and in the catalogue when the standard is known ({@code keys} not null). */
        KeySpec key(String itemPath, String key, Map<String, KeySpec> keys) {
            String text = text(itemPath + ".key", key, true);
            if (text == null || keys == null) {
                return null;
            }
            KeySpec spec = keys.get(text);
            if (spec == null) {
                problems.add(itemPath + ".key", "UNKNOWN_KEY", "标准中没有这个证据键：" + text,
                        "the standard has no key " + text);
            }
            return spec;
        }

        /**
         * An evidence item's value: given, and when its key is known, of the key's type
         * ({@link Boolean} or {@link BigDecimal}; anything else is the wrong type) and range.
         */
        Object value(String path, Object v, KeySpec spec) {
            if (v == null) {
                problems.required(path);
                return null;
            }
            if (spec == null) {
                return v instanceof Boolean || v instanceof BigDecimal ? v : null;
            }
            if (spec.type() == KeyType.BOOL) {
                if (!(v instanceof Boolean)) {
                    problems.wrongType(path, "布尔值（true/false）", "true or false");
                    return null;
                }
                return v;
            }
            BigDecimal d = number(path, v);
            if (d == null) {
                return null;
            }
            if (spec.type() == KeyType.COUNT && d.stripTrailingZeros().scale() > 0) {
                problems.add(path, "NOT_WHOLE", "计数应为整数", "a count must be a whole number");
                return null;
            }
            if (spec.type() == KeyType.PERCENT && d.compareTo(HUNDRED) > 0) {
                problems.add(path, "PERCENT_ABOVE_100", "百分比不能超过 100", "a percentage cannot exceed 100");
                return null;
            }
            return d;
        }

        /** A number ≥ 0 of at most {@link Problems#MAX_DIGITS} digits either side of the point. */
        BigDecimal number(String path, Object v) {
            if (v == null) {
                problems.required(path);
                return null;
            }
            if (!(v instanceof BigDecimal d)) {
                problems.wrongType(path, "数字", "a number");
                return null;
            }
            if (!notNegative(path, d)) {
                return null;
            }
            if (Problems.outOfRange(d)) {
                problems.outOfRange(path);
                return null;
            }
            return d;
        }

        /** One of the {@code allowed} words (a mode, an incident's level or kind). */
        String choice(String path, String value, Set<String> allowed) {
            String text = text(path, value, true);
            if (text == null) {
                return null;
            }
            if (!allowed.contains(text)) {
                List<String> sorted = allowed.stream().sorted().toList();
                problems.add(path, "UNKNOWN_VALUE", "取值无效：" + text + "，可选 " + String.join("、", sorted),
                        "invalid value " + text + ": one of " + String.join(", ", sorted));
                return null;
            }
            return text;
        }
    }
}
