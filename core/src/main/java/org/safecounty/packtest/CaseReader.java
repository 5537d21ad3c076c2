package org.safecounty.packtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.safecounty.pack.PackFiles;

/**
 * Reads a pack's test files ({@code tests/*.yaml}) and builds each case's submission from its
 * base and its changes, as {@code tests/README.md} of the bundled pack describes.
 */
public final class CaseReader {

    private static final Set<String> CASE_FIELDS = Set.of("name", "county", "assessment", "evidence", "items",
            "addEvidence", "incidents", "submission", "expect");

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** At most this many cases in a pack: each holds a whole submission in memory while it runs. */
    public static final int MAX_CASES = 3_000;
    /** At most this many evidence items in a base county: every case copies it. */
    public static final int MAX_BASE_EVIDENCE = 1_000;

    private final Set<String> verdicts;

    /** A reader that checks an expected verdict's form only (the pack's levels are checked when a case runs). */
    public CaseReader() {
        this(Set.of());
    }

    /** A reader that also checks each expected verdict against the pack's levels, with the nearest as a hint. */
    public CaseReader(java.util.Collection<String> verdictCodes) {
        this.verdicts = Set.copyOf(verdictCodes);
    }

    /** A reader for the tests of {@code pack}: expected verdicts are checked against its levels. */
    public static CaseReader of(org.safecounty.RulePack pack) {
        return new CaseReader(pack.catalogue().verdicts().stream().map(org.safecounty.result.Verdict::code).toList());
    }

    /** Every case of every test file of the pack, in file order. */
    public List<PackCase> read(PackFiles files) {
        List<PackCase> cases = new ArrayList<>();
        files.paths(".yaml").filter(p -> p.startsWith("tests/")).forEach(path -> {
            cases.addAll(readFile(files, path));
            if (cases.size() > MAX_CASES) {
                throw new IllegalArgumentException("tests/: 测试用例超过 " + MAX_CASES + " 个 / more than " + MAX_CASES
                        + " test cases");
            }
        });
        return cases;
    }

    private List<PackCase> readFile(PackFiles files, String path) {
        JsonNode root = parse(yaml, files.text(path).orElseThrow(), path);
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("base") && !f.equals("cases")) {
                throw new IllegalArgumentException(path + ": 没有字段 " + f + "（可用：base、cases）/ no field " + f
                        + " (allowed: base, cases)");
            }
        });
        String baseName = root.path("base").asText("base-county.json");
        String dir = path.substring(0, path.lastIndexOf('/') + 1);
        JsonNode base = null;
        List<PackCase> cases = new ArrayList<>();
        JsonNode list = root.path("cases");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            checkFields(c, path, i);
            JsonNode submission;
            if (c.has("submission")) {
                submission = c.get("submission");
            } else {
                if (base == null) {
                    String text = files.text(dir + baseName).orElseThrow(() -> new IllegalArgumentException(
                            path + ": base file " + dir + baseName + " not found"));
                    base = parse(json, text, dir + baseName);
                    if (base.path("evidence").size() > MAX_BASE_EVIDENCE) {
                        throw new IllegalArgumentException(dir + baseName + ": 基准县证据超过 " + MAX_BASE_EVIDENCE
                                + " 条 / the base county has more than " + MAX_BASE_EVIDENCE + " evidence items");
                    }
                }
                submission = apply(base.deepCopy(), c);
            }
            cases.add(new PackCase(path, i, c.path("name").asText("case " + i), submission, c.path("expect")));
        }
        return cases;
    }

    private void checkFields(JsonNode c, String path, int i) {
        String where = path + " 用例 case " + (i + 1) + "「" + c.path("name").asText("") + "」: ";
        List<String> problems = new ArrayList<>();
        c.fieldNames().forEachRemaining(f -> {
            if (!CASE_FIELDS.contains(f)) {
                String near = ExpectationShape.nearest(f, CASE_FIELDS);
                problems.add("没有字段 " + f + (near == null ? "" : "，是否应为 " + near + "？") + " / no field " + f
                        + (near == null ? "" : "; did you mean " + near + "?"));
            }
        });
        problems.addAll(ExpectationShape.check(c.get("expect"), verdicts));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(where + String.join("; ", problems));
        }
    }

    private static JsonNode apply(ObjectNode s, JsonNode c) {
        merge(s, "county", c.get("county"));
        merge(s, "assessment", c.get("assessment"));
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        if (c.has("evidence")) {
            c.get("evidence").fields().forEachRemaining(e -> setValue(evidence, e.getKey(), e.getValue(),
                    s.path("assessment").path("date").asText()));
        }
        if (c.has("items")) {
            c.get("items").fields().forEachRemaining(e -> replaceItems(evidence, e.getKey(), e.getValue()));
        }
        if (c.has("addEvidence")) {
            c.get("addEvidence").forEach(item -> evidence.add(item.deepCopy()));
        }
        if (c.has("incidents")) {
            s.set("incidents", c.get("incidents").deepCopy());
        }
        return s;
    }

    private static void merge(ObjectNode s, String field, JsonNode changes) {
        if (changes != null) {
            ObjectNode target = (ObjectNode) s.get(field);
            changes.fields().forEachRemaining(e -> target.set(e.getKey(), e.getValue().deepCopy()));
        }
    }

    /** Sets the value of every item of the key; null removes them; a key not present is added. */
    private static void setValue(ArrayNode evidence, String key, JsonNode value, String date) {
        boolean found = false;
        for (Iterator<JsonNode> it = evidence.iterator(); it.hasNext(); ) {
            ObjectNode item = (ObjectNode) it.next();
            if (key.equals(item.path("key").asText())) {
                found = true;
                if (value.isNull()) {
                    it.remove();
                } else {
                    item.set("value", value.deepCopy());
                }
            }
        }
        if (!found && !value.isNull()) {
            ObjectNode item = evidence.addObject();
            item.put("id", "x-" + key);
            item.put("key", key);
            item.set("value", value.deepCopy());
            item.put("date", date);
            item.put("verified", true);
        }
    }

    /** Replaces every item of the key, in place of the first one (or at the end). */
    private static void replaceItems(ArrayNode evidence, String key, JsonNode items) {
        int at = -1;
        for (int i = evidence.size() - 1; i >= 0; i--) {
            if (key.equals(evidence.get(i).path("key").asText())) {
                evidence.remove(i);
                at = i;
            }
        }
        int insert = at < 0 ? evidence.size() : at;
        for (JsonNode item : items) {
            ObjectNode copy = item.deepCopy();
            if (!copy.has("key")) {
                copy.put("key", key);
            }
            evidence.insert(insert++, copy);
        }
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String path) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": " + e.getOriginalMessage(), e);
        }
    }
}
