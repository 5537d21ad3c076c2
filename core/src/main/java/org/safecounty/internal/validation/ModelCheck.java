package org.safecounty.internal.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.result.Problem;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Incident;
import org.safecounty.submission.Submission;

/**
 * Checks a submission built in Java (not read from JSON) against a key catalogue: known keys,
 * values of the key's type and range, unique ids, and a valid county. The same paths and codes as
 * {@link SubmissionReader}.
 */
public final class ModelCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public List<Problem> check(Submission s, Map<String, KeySpec> keys) {
        Problems problems = new Problems();
        if (s.county().population() <= 0) {
            problems.add("county.population", "NOT_POSITIVE", "常住人口应大于 0", "population must be above 0");
        }
        if (s.county().townships() < 0 || s.county().villages() < 0) {
            problems.add("county", "NEGATIVE", "乡镇数与行政村数不能为负数", "townships and villages must not be negative");
        }
        Set<String> ids = new HashSet<>(2 * (s.evidence().size() + s.incidents().size()));
        for (EvidenceItem item : s.evidence()) {
            if (!ids.add(item.id())) {
                problems.add(item.path() + ".id", "DUPLICATE_ID", "编号重复：" + item.id(), "duplicate id " + item.id());
            }
            KeySpec spec = keys.get(item.key());
            if (spec == null) {
                problems.add(item.path() + ".key", "UNKNOWN_KEY", "标准中没有这个证据键：" + item.key(),
                        "the standard has no key " + item.key());
            } else {
                value(item, spec, problems);
            }
        }
        for (Incident i : s.incidents()) {
            if (!ids.add(i.id())) {
                problems.add(i.path() + ".id", "DUPLICATE_ID", "编号重复：" + i.id(), "duplicate id " + i.id());
            }
        }
        return new ArrayList<>(problems.list());
    }

    private static void value(EvidenceItem item, KeySpec spec, Problems problems) {
        String path = item.path() + ".value";
        Object v = item.value();
        switch (spec.type()) {
            case BOOL -> {
                if (!(v instanceof Boolean)) {
                    problems.wrongType(path, "布尔值（true/false）", "true or false");
                }
            }
            case COUNT, PERCENT, NUMBER -> {
                if (!(v instanceof BigDecimal d)) {
                    problems.wrongType(path, "数字", "a number");
                } else if (d.signum() < 0) {
                    problems.add(path, "NEGATIVE", "不能为负数", "must not be negative");
                } else if (Problems.outOfRange(d)) {
                    problems.outOfRange(path);
                } else if (spec.type() == org.safecounty.internal.pack.KeyType.COUNT && d.stripTrailingZeros().scale() > 0) {
                    problems.add(path, "NOT_WHOLE", "计数应为整数", "a count must be a whole number");
                } else if (spec.type() == org.safecounty.internal.pack.KeyType.PERCENT && d.compareTo(HUNDRED) > 0) {
                    problems.add(path, "PERCENT_ABOVE_100", "百分比不能超过 100", "a percentage cannot exceed 100");
                }
            }
        }
    }
}
