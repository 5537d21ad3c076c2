package org.safecounty.validation;

import java.util.ArrayList;
import java.util.List;

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

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
