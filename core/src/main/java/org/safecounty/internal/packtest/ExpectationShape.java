package org.safecounty.internal.packtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.safecounty.internal.validation.Spelling;
import org.safecounty.result.IndicatorStatus;

/**
 * The shape a test case's expectations must have. Every field is checked against the fields the
 * runner compares, and every value against the values it can take, so that a misspelt expectation
 * ({@code verdcit: FAIL}, {@code {scor: 0, stauts: NOT_MET}}) is an error and never a test that
 * passes without checking anything.
 */
final class ExpectationShape {

    private static final Set<String> TOP = Set.of("verdict", "totalScore", "baseScore", "bonusScore", "tasks",
            "indicators", "bonus", "vetoes", "rectification", "notAccepted", "rejected");
    private static final Set<String> INDICATOR = Set.of("score", "status", "evidence");
    private static final Set<String> RECTIFICATION = Set.of("kind", "indicator", "key", "veto", "gain", "needs", "steps");
    private static final Set<String> STEP = Set.of("action", "key", "of", "target", "points", "gain");
    private static final Set<String> KINDS = Set.of("VETO", "UNDECIDED_VETO", "MISSING_EVIDENCE",
            "KEY_ITEM_BELOW_FLOOR", "RAISE_INDICATOR");
    private static final Set<String> ACTIONS = Set.of("RAISE_TO", "SUPPLY_AT_LEAST", "RAISE_RATIO_TO", "SET_TRUE",
            "REDUCE_TO");
    private static final Set<String> REASONS = Set.of("UNVERIFIED", "OUT_OF_WINDOW", "SUPERSEDED", "INVALID_SURVEY");

    private static final java.util.regex.Pattern VERDICT_CODE = org.safecounty.internal.catalogue.CatalogueReader.VERDICT_CODE;

    private final List<String> problems = new ArrayList<>();
    private final Set<String> verdicts;

    private ExpectationShape(Set<String> verdicts) {
        this.verdicts = verdicts;
    }

    /**
     * What is wrong with {@code expect}, each a sentence in Chinese then English; empty when nothing
     * is. {@code verdicts}: the pack's verdict codes, or empty to check an expected verdict's form only.
     */
    static List<String> check(JsonNode expect, Set<String> verdicts) {
        ExpectationShape shape = new ExpectationShape(verdicts);
        shape.top(expect);
        return shape.problems;
    }

    private void top(JsonNode expect) {
        if (expect == null || expect.isMissingNode() || !expect.isObject() || expect.isEmpty()) {
            problems.add("用例没有 expect，什么也没检查 / the case has no expect: it would check nothing");
            return;
        }
        fields(expect, TOP, "expect");
        verdictCode(expect.get("verdict"));
        number(expect.get("totalScore"), "expect.totalScore");
        number(expect.get("baseScore"), "expect.baseScore");
        number(expect.get("bonusScore"), "expect.bonusScore");
        eachField(expect.get("tasks"), "expect.tasks", (e) -> number(e.getValue(), "expect.tasks." + e.getKey()));
        eachField(expect.get("bonus"), "expect.bonus", (e) -> number(e.getValue(), "expect.bonus." + e.getKey()));
        eachField(expect.get("indicators"), "expect.indicators", e -> indicator(e.getKey(), e.getValue()));
        eachField(expect.get("notAccepted"), "expect.notAccepted",
                e -> oneOf(e.getValue(), REASONS, "expect.notAccepted." + e.getKey()));
        list(expect.get("vetoes"), "expect.vetoes", v -> text(v, "expect.vetoes"));
        list(expect.get("rejected"), "expect.rejected", v -> {
            text(v, "expect.rejected");
            if (v.asText().startsWith("evidence[")) {
                problems.add("expect.rejected 中的 " + v.asText() + " 按位置指证据：请按编号写，如 evidence(e-003).value"
                        + " / expect.rejected names evidence by position (" + v.asText() + "): name it by id,"
                        + " e.g. evidence(e-003).value");
            }
        });
        list(expect.get("rectification"), "expect.rectification", this::rectification);
        for (String field : List.of("tasks", "indicators", "bonus", "rejected")) {
            JsonNode v = expect.get(field);
            if (v != null && (v.isObject() || v.isArray()) && v.isEmpty()) {
                problems.add("expect." + field + " 是空的，什么也没检查" + (field.equals("rejected")
                        ? "：请写出退回时必须指出的位置，如 [\"evidence(e-003).value\"]"
                        : "：请写出要检查的编号和值，或删去它") + " / expect." + field + " is empty: it would check nothing;"
                        + (field.equals("rejected") ? " name the places the rejection must point at, e.g."
                        + " [\"evidence(e-003).value\"]" : " name the ids and values to check, or leave it out"));
            }
        }
        if (expect.has("rejected") && expect.size() > 1) {
            problems.add("expect.rejected 不能与其他期望同用：被退回的申报没有结果 / expect.rejected stands alone:"
                    + " a rejected submission has no result to check");
        }
    }

    private void indicator(String id, JsonNode want) {
        String where = "expect.indicators." + id;
        if (!want.isObject() || want.isEmpty()) {
            problems.add(where + " 应写成 { score: …, status: … } / " + where + " should be { score: …, status: … }");
            return;
        }
        fields(want, INDICATOR, where);
        number(want.get("score"), where + ".score");
        oneOf(want.get("status"), names(IndicatorStatus.values()), where + ".status");
        list(want.get("evidence"), where + ".evidence", v -> text(v, where + ".evidence"));
    }

    private void rectification(JsonNode item) {
        String where = "expect.rectification";
        if (!item.isObject()) {
            problems.add(where + " 的每一项应是 { kind: …, … } / each item of " + where + " should be { kind: …, … }");
            return;
        }
        fields(item, RECTIFICATION, where);
        oneOf(item.get("kind"), KINDS, where + ".kind");
        if (item.get("kind") == null) {
            problems.add(where + " 的每一项都要写 kind / every item of " + where + " needs a kind");
        }
        number(item.get("gain"), where + ".gain");
        number(item.get("needs"), where + ".needs");
        list(item.get("steps"), where + ".steps", step -> {
            fields(step, STEP, where + ".steps");
            oneOf(step.get("action"), ACTIONS, where + ".steps.action");
            number(step.get("target"), where + ".steps.target");
            number(step.get("points"), where + ".steps.points");
            number(step.get("gain"), where + ".steps.gain");
        });
    }

    private void fields(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                String near = nearest(f, allowed);
                problems.add(where + " 中没有字段 " + f + (near == null ? "" : "，是否应为 " + near + "？")
                        + "（可用：" + String.join("、", allowed.stream().sorted().toList()) + "）"
                        + " / " + where + " has no field " + f + (near == null ? "" : "; did you mean " + near + "?")
                        + " (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private void oneOf(JsonNode value, Set<String> allowed, String where) {
        if (value != null && !allowed.contains(value.asText())) {
            String near = nearest(value.asText(), allowed);
            problems.add(where + " 的值 " + value.asText() + " 不存在" + (near == null ? "" : "，是否应为 " + near + "？")
                    + " / " + where + ": there is no " + value.asText() + (near == null ? "" : "; did you mean " + near + "?")
                    + " (" + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    private void number(JsonNode value, String where) {
        if (value != null && value.isTextual() && org.safecounty.internal.pack.NumberRange.read(value.asText()).refusal()
                == org.safecounty.internal.pack.NumberRange.Refusal.OUT_OF_RANGE) {
            // a figure too large to hold, read as text so that it is never written out
            problems.add(where + " 的数字超出范围（最多 9 位整数、6 位小数） / " + where
                    + " is out of range (at most 9 digits and 6 decimals)");
        } else if (value != null && !value.isNumber()) {
            problems.add(where + " 应为数字，写的是 " + value + " / " + where + " should be a number, not " + value);
        } else if (value != null && !plausible(value.decimalValue())) {
            problems.add(where + " 的数字超出范围（最多 9 位整数、6 位小数） / " + where
                    + " is out of range (at most 9 digits and 6 decimals)");
        }
    }

    /** A figure a result can hold: checked from its digits and exponent, never written out in full. */
    private static boolean plausible(java.math.BigDecimal d) {
        return d.scale() <= 6 && (long) d.precision() - d.scale() <= 9;
    }

    private void text(JsonNode value, String where) {
        if (!value.isTextual() && !value.isNumber()) {
            problems.add(where + " 的每一项应为文字 / every item of " + where + " should be text");
        }
    }

    private void eachField(JsonNode node, String where, Consumer<Map.Entry<String, JsonNode>> each) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            problems.add(where + " 应写成“编号: 值”的形式 / " + where + " should map ids to values");
            return;
        }
        node.fields().forEachRemaining(each);
    }

    private void list(JsonNode node, String where, Consumer<JsonNode> each) {
        if (node == null) {
            return;
        }
        if (!node.isArray()) {
            problems.add(where + " 应为列表 [ … ] / " + where + " should be a list [ … ]");
            return;
        }
        node.forEach(each);
    }

    /** A verdict code as packs write them; which codes exist is the pack's, checked when the case runs. */
    private void verdictCode(JsonNode v) {
        if (!verdicts.isEmpty()) {
            oneOf(v, verdicts, "expect.verdict");
        } else if (v != null && (!v.isTextual() || !VERDICT_CODE.matcher(v.asText()).matches())) {
            problems.add("expect.verdict 应为结论代码（大写，如 PASS），而不是 " + v + " / expect.verdict should be a"
                    + " verdict code (upper case, e.g. PASS), not " + v);
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Set.copyOf(Arrays.stream(values).map(Enum::name).toList());
    }

    /** The allowed word a slip most likely meant: within two edits, or differing only in case. */
    static String nearest(String word, Set<String> allowed) {
        return Spelling.nearest(word, allowed);
    }
}
