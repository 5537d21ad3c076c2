package org.safecounty.pack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.safecounty.facts.Band;
import org.safecounty.facts.Parameter;
import org.safecounty.facts.Parameters;
import org.safecounty.submission.Mode;
import org.safecounty.validation.Problem;

/**
 * Reads a pack's {@code pack.yaml} (the catalogue) and {@code parameters.yaml} (the figures),
 * collecting every problem with its file and place instead of stopping at the first.
 */
public final class CatalogueReader {

    public static final String CATALOGUE = "pack.yaml";
    public static final String PARAMETERS = "parameters.yaml";

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final List<Problem> problems = new ArrayList<>();

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public Parameters readParameters(PackFiles files) {
        JsonNode root = parse(files, PARAMETERS);
        Map<String, Parameter> byName = new LinkedHashMap<>();
        if (root == null) {
            return new Parameters(byName);
        }
        root.fields().forEachRemaining(e -> {
            Parameter p = parameter(e.getKey(), e.getValue());
            if (p != null) {
                byName.put(e.getKey(), p);
            }
        });
        return new Parameters(byName);
    }

    public PackCatalogue readCatalogue(PackFiles files, Parameters parameters) {
        JsonNode root = parse(files, CATALOGUE);
        if (root == null) {
            return null;
        }
        Place at = new Place(CATALOGUE, "");
        allowOnly(root, at, Set.of("id", "version", "zh", "en", "decimals", "baseMax", "counting", "tasks", "bonus",
                "vetoes", "keys"));
        String id = text(root, "id", at);
        String version = text(root, "version", at);
        int decimals = root.path("decimals").isInt() ? root.path("decimals").asInt() : missingInt(at.child("decimals"));
        Map<String, KeySpec> keys = keys(root.path("keys"), at.child("keys"));
        keys.values().stream().filter(k -> k.perResidents() != null).forEach(k -> parameterName(
                root.path("keys").path(k.name()), "perResidents", at.child("keys").child(k.name()), parameters));
        List<TaskSpec> tasks = tasks(root.path("tasks"), at.child("tasks"));
        List<ItemSpec> bonus = items(root.path("bonus"), at.child("bonus"));
        List<ItemSpec> vetoes = items(root.path("vetoes"), at.child("vetoes"));
        CountingSpec counting = counting(root.path("counting"), at.child("counting"), keys, parameters);
        BigDecimal baseMax = root.has("baseMax") ? number(root.get("baseMax"), at.child("baseMax")) : null;
        return new PackCatalogue(id, version, root.path("zh").asText(""), root.path("en").asText(""), decimals, baseMax,
                tasks, bonus, vetoes, keys, counting);
    }

    private JsonNode parse(PackFiles files, String name) {
        var text = files.text(name);
        if (text.isEmpty()) {
            problems.add(new Problem(name, "PACK_FILE_MISSING", "规则包缺少文件 " + name, "the pack has no " + name));
            return null;
        }
        try {
            JsonNode root = yaml.readTree(text.get());
            if (root == null || !root.isObject()) {
                problems.add(new Problem(name, "PACK_SYNTAX", name + " 应为键值映射", name + " must be a mapping"));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? name : name + ":" + loc.getLineNr();
            problems.add(new Problem(where, "PACK_SYNTAX", "YAML 格式错误：" + e.getOriginalMessage(),
                    "YAML syntax error: " + e.getOriginalMessage()));
            return null;
        }
    }

    private Parameter parameter(String name, JsonNode node) {
        Place at = new Place(PARAMETERS, name);
        if (!node.isObject()) {
            problem(at, "参数应写成含 value、bands 或 values 的映射", "a parameter must be a mapping with value, bands or values");
            return null;
        }
        allowOnly(node, at, Set.of("zh", "en", "ref", "value", "bands", "values"));
        int kinds = (node.has("value") ? 1 : 0) + (node.has("bands") ? 1 : 0) + (node.has("values") ? 1 : 0);
        if (kinds != 1) {
            problem(at, "参数须有且只有 value、bands、values 之一", "a parameter needs exactly one of value, bands, values");
            return null;
        }
        BigDecimal number = node.has("value") ? number(node.get("value"), at.child("value")) : null;
        List<Band> bands = node.has("bands") ? bands(node.get("bands"), at.child("bands")) : null;
        List<String> texts = node.has("values") ? texts(node.get("values"), at.child("values")) : null;
        return new Parameter(name, node.path("zh").asText(""), node.path("en").asText(""), node.path("ref").asText(""),
                number, bands, texts);
    }

    private List<Band> bands(JsonNode node, Place at) {
        List<Band> bands = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problem(at, "分档应为非空列表", "bands must be a non-empty list");
            return bands;
        }
        BigDecimal previous = null;
        for (int i = 0; i < node.size(); i++) {
            Place b = at.index(i);
            JsonNode band = node.get(i);
            allowOnly(band, b, Set.of("atLeast", "points"));
            BigDecimal atLeast = number(band.path("atLeast"), b.child("atLeast"));
            BigDecimal points = number(band.path("points"), b.child("points"));
            if (atLeast != null && previous != null && atLeast.compareTo(previous) >= 0) {
                problem(b, "分档须从高到低排列", "bands must be listed from the highest down");
            }
            previous = atLeast;
            if (atLeast != null && points != null) {
                bands.add(new Band(atLeast, points));
            }
        }
        return bands;
    }

    private List<String> texts(JsonNode node, Place at) {
        List<String> texts = new ArrayList<>();
        if (!node.isArray()) {
            problem(at, "应为文字列表", "must be a list of texts");
            return texts;
        }
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private Map<String, KeySpec> keys(JsonNode node, Place at) {
        Map<String, KeySpec> keys = new LinkedHashMap<>();
        if (!node.isObject()) {
            problem(at, "缺少证据键目录", "the key catalogue is missing");
            return keys;
        }
        node.fields().forEachRemaining(e -> {
            Place k = at.child(e.getKey());
            JsonNode spec = e.getValue();
            allowOnly(spec, k, Set.of("type", "zh", "en", "absentMeans", "atMost", "perResidents"));
            KeyType type;
            try {
                type = KeyType.valueOf(spec.path("type").asText());
            } catch (IllegalArgumentException ex) {
                problem(k.child("type"), "类型应为 BOOL、COUNT、PERCENT 或 NUMBER", "type must be BOOL, COUNT, PERCENT or NUMBER");
                return;
            }
            Object absent = null;
            JsonNode a = spec.get("absentMeans");
            if (a != null) {
                absent = type == KeyType.BOOL ? (Object) a.asBoolean() : a.decimalValue();
            }
            Bound atMost = null;
            if (spec.has("atMost")) {
                atMost = Bound.parse(spec.get("atMost").asText()).orElse(null);
                if (atMost == null) {
                    problem(k.child("atMost"), "上限应写成键名之和或差，例如 a.x - a.y", "a bound is a sum of keys, e.g. a.x - a.y");
                }
            }
            String per = spec.has("perResidents") ? spec.get("perResidents").asText() : null;
            keys.put(e.getKey(), new KeySpec(e.getKey(), type, spec.path("zh").asText(""), spec.path("en").asText(""),
                    absent, atMost, per));
        });
        keys.values().forEach(spec -> checkReferences(spec, at.child(spec.name()), keys));
        return keys;
    }

    private void checkReferences(KeySpec spec, Place at, Map<String, KeySpec> keys) {
        if (spec.atMost() == null) {
            return;
        }
        for (Bound.Term t : spec.atMost().terms()) {
            boolean county = Set.of("county.population", "county.townships", "county.villages").contains(t.name());
            if (!county && !keys.containsKey(t.name())) {
                problem(at.child("atMost"), "上限引用了未知的键 " + t.name(), "the bound names an unknown key " + t.name());
            }
        }
    }

    private List<TaskSpec> tasks(JsonNode node, Place at) {
        List<TaskSpec> tasks = new ArrayList<>();
        if (!node.isArray()) {
            problem(at, "缺少任务列表", "the task list is missing");
            return tasks;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            Place tp = at.index(i);
            allowOnly(t, tp, Set.of("id", "zh", "en", "max", "indicators"));
            String taskId = text(t, "id", tp);
            List<IndicatorSpec> indicators = new ArrayList<>();
            JsonNode list = t.path("indicators");
            for (int j = 0; j < list.size(); j++) {
                JsonNode ind = list.get(j);
                Place ip = tp.child("indicators").index(j);
                allowOnly(ind, ip, Set.of("id", "zh", "en", "max", "keyItem"));
                indicators.add(new IndicatorSpec(text(ind, "id", ip), taskId, ind.path("zh").asText(""),
                        ind.path("en").asText(""), number(ind.path("max"), ip.child("max")),
                        ind.path("keyItem").asBoolean(false)));
            }
            tasks.add(new TaskSpec(taskId, t.path("zh").asText(""), t.path("en").asText(""),
                    number(t.path("max"), tp.child("max")), indicators));
        }
        return tasks;
    }

    private List<ItemSpec> items(JsonNode node, Place at) {
        List<ItemSpec> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            Place p = at.index(i);
            allowOnly(n, p, Set.of("id", "zh", "en"));
            items.add(new ItemSpec(text(n, "id", p), n.path("zh").asText(""), n.path("en").asText("")));
        }
        return items;
    }

    private CountingSpec counting(JsonNode node, Place at, Map<String, KeySpec> keys, Parameters parameters) {
        allowOnly(node, at, Set.of("verifiedOnlyIn", "evidenceYearsBack", "evidenceYearsBackByKey",
                "incidentMonthsBack", "surveys"));
        Set<Mode> verifiedOnly = EnumSet.noneOf(Mode.class);
        for (JsonNode m : node.path("verifiedOnlyIn")) {
            try {
                verifiedOnly.add(Mode.valueOf(m.asText()));
            } catch (IllegalArgumentException e) {
                problem(at.child("verifiedOnlyIn"), "未知评价方式 " + m.asText(), "unknown mode " + m.asText());
            }
        }
        String evidenceYears = parameterName(node, "evidenceYearsBack", at, parameters);
        Map<String, String> byKey = new LinkedHashMap<>();
        node.path("evidenceYearsBackByKey").fields().forEachRemaining(e -> {
            knownKey(e.getKey(), at.child("evidenceYearsBackByKey"), keys);
            byKey.put(e.getKey(), parameterName(node.path("evidenceYearsBackByKey"), e.getKey(),
                    at.child("evidenceYearsBackByKey"), parameters));
        });
        String incidentMonths = parameterName(node, "incidentMonthsBack", at, parameters);
        List<SurveySpec> surveys = new ArrayList<>();
        JsonNode list = node.path("surveys");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            Place sp = at.child("surveys").index(i);
            allowOnly(s, sp, Set.of("respondentsKey", "minimumRespondents", "keys"));
            String respondents = text(s, "respondentsKey", sp);
            knownKey(respondents, sp.child("respondentsKey"), keys);
            List<String> surveyKeys = texts(s.path("keys"), sp.child("keys"));
            surveyKeys.forEach(k -> knownKey(k, sp.child("keys"), keys));
            surveys.add(new SurveySpec(respondents, parameterName(s, "minimumRespondents", sp, parameters), surveyKeys));
        }
        return new CountingSpec(verifiedOnly, evidenceYears, byKey, incidentMonths, surveys);
    }

    private String parameterName(JsonNode node, String field, Place at, Parameters parameters) {
        String name = node.path(field).asText("");
        if (name.isEmpty() || !parameters.has(name) || parameters.all().get(name).number() == null) {
            problem(at.child(field), "应为 parameters.yaml 中的数值参数名：" + name,
                    "must name a number parameter of parameters.yaml: " + name);
        }
        return name;
    }

    private void knownKey(String key, Place at, Map<String, KeySpec> keys) {
        if (key != null && !keys.containsKey(key)) {
            problem(at, "证据键目录中没有 " + key, "the key catalogue has no " + key);
        }
    }

    private String text(JsonNode node, String field, Place at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            problem(at.child(field), "缺少 " + field, field + " is missing");
            return "";
        }
        return v.asText();
    }

    private BigDecimal number(JsonNode v, Place at) {
        if (v == null || !v.isNumber()) {
            problem(at, "应为数字", "must be a number");
            return null;
        }
        return v.decimalValue();
    }

    private int missingInt(Place at) {
        problem(at, "应为整数", "must be a whole number");
        return 2;
    }

    private void allowOnly(JsonNode node, Place at, Set<String> allowed) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                problem(at.child(f), "未知字段 " + f, "unknown field " + f);
            }
        });
    }

    private void problem(Place at, String zh, String en) {
        problems.add(new Problem(at.toString(), "PACK_CATALOGUE", zh, en));
    }

    /** A place in a YAML file: {@code pack.yaml: tasks[0].max}. */
    private record Place(String file, String path) {
        Place child(String name) {
            return new Place(file, path.isEmpty() ? name : path + "." + name);
        }

        Place index(int i) {
            return new Place(file, path + "[" + i + "]");
        }

        @Override
        public String toString() {
            return path.isEmpty() ? file : file + ": " + path;
        }
    }
}
