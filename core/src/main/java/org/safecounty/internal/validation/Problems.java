package org.safecounty.internal.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.safecounty.result.Problem;

/** Collects problems found while reading a submission, each with its path and both languages. */
final class Problems {

    private final List<Problem> list = new ArrayList<>();

    void add(String path, String code, String zh, String en) {
        list.add(new Problem(path, code, zh, en));
    }

    void required(String path) {
        add(path, "REQUIRED", "缺少必填字段", "required field is missing");
    }

    void wrongType(String path, String zhType, String enType) {
        add(path, "WRONG_TYPE", "类型错误，应为" + zhType, "wrong type: must be " + enType);
    }

    void unknownField(String path) {
        add(path, "UNKNOWN_FIELD", "未知字段", "unknown field");
    }

    /**
     * Written-out digits allowed before and after the decimal point. Far beyond any real evidence,
     * and it keeps 1e999999999 or 1e-999999999 (a few bytes of JSON) from reaching the rules,
     * whose explanations write numbers out in full and would run out of memory.
     */
    static final int MAX_DIGITS = 30;

    /** True when {@code d} has more than {@link #MAX_DIGITS} digits before or after the point. */
    static boolean outOfRange(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        long before = (long) s.precision() - s.scale();
        long after = Math.max(s.scale(), 0);
        return before > MAX_DIGITS || after > MAX_DIGITS;
    }

    void outOfRange(String path) {
        add(path, "OUT_OF_RANGE", "数值超出范围：整数部分与小数部分各不超过 " + MAX_DIGITS + " 位",
                "number out of range: at most " + MAX_DIGITS + " digits before and after the decimal point");
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
