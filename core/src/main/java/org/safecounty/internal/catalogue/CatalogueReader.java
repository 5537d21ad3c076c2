package org.safecounty.internal.catalogue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.safecounty.facts.Band;
import org.safecounty.facts.Parameter;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.pack.Bound;
import org.safecounty.internal.pack.CountingSpec;
import org.safecounty.internal.pack.IndicatorSpec;
import org.safecounty.internal.pack.ItemSpec;
import org.safecounty.internal.pack.KeySpec;
import org.safecounty.internal.pack.KeyType;
import org.safecounty.internal.pack.NumberRange;
import org.safecounty.internal.pack.PackCatalogue;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.Scoring;
import org.safecounty.internal.pack.SourcedYaml;
import org.safecounty.internal.pack.SurveySpec;
import org.safecounty.internal.pack.TaskSpec;
import org.safecounty.internal.validation.Spelling;
import org.safecounty.result.Problem;
import org.safecounty.result.Verdict;
import org.safecounty.submission.Mode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a pack's {@code pack.yaml} (the catalogue) and {@code parameters.yaml} (the figures),
 * collecting every problem with its file, line and place instead of stopping at the first.
 *
 * <p>Both files are read under hard limits ({@value #MAX_YAML_BYTES} bytes, {@value #MAX_DEPTH}
 * levels of nesting, {@value #MAX_NODES} entries, no YAML aliases, no repeated keys), and every
 * number in them is checked against its declared range ({@link NumberRange}) from its text, before
 * it is used: a figure such as {@code 1e999999999} is one problem, never a hang or an exception.
 * The ranges are listed in {@code docs/rule-authoring.md} (section 3.1).
 */
public final class CatalogueReader {

    public static final String CATALOGUE = "pack.yaml";
    public static final String PARAMETERS = "parameters.yaml";

    /** The largest {@code pack.yaml} or {@code parameters.yaml}: 1 MiB. */
    public static final int MAX_YAML_BYTES = 1 << 20;

    /** The deepest nesting of mappings and lists in either file. */
    public static final int MAX_DEPTH = 20;

    /** The most entries (mappings, lists, values) in either file. */
    public static final int MAX_NODES = 50_000;

    /** The most bands a parameter may list. */
    public static final int MAX_BANDS = 20;

    /** The most problems reported for the two files; one more says that the rest were left out. */
    public static final int MAX_PROBLEMS = 200;

    /** {@code decimals}: the scale of every indicator's points. */
    public static final NumberRange DECIMALS = NumberRange.wholeNumber(0, NumberRange.MAX_DECIMALS);

    /** A "per so many residents" unit. */
    public static final NumberRange PER_RESIDENTS = NumberRange.wholeNumber(1, 10_000_000);

    /** {@code counting.evidenceYearsBack}: years. */
    public static final NumberRange YEARS_BACK = NumberRange.wholeNumber(0, 100);

    /** {@code counting.incidentMonthsBack}: months. */
    public static final NumberRange MONTHS_BACK = NumberRange.wholeNumber(0, 1200);

    /** A verdict level code as packs write them: upper case, digits or {@code _}, at most 32. */
    public static final Pattern VERDICT_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Map<String, RoundingMode> ROUNDING = orderedMap(RoundingMode.HALF_UP, RoundingMode.HALF_EVEN,
            RoundingMode.HALF_DOWN, RoundingMode.UP, RoundingMode.DOWN);
    private static final Map<String, Scoring.NotApplicable> NOT_APPLICABLE = orderedMap(
            Scoring.NotApplicable.values());
    private static final YAMLFactory YAML = yamlFactory();

    @SafeVarargs
    private static <E extends Enum<E>> Map<String, E> orderedMap(E... values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name(), e);
        }
        return Collections.unmodifiableMap(m);
    }
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern FULL_WIDTH_KEY = Pattern.compile("^\\s*(?:-\\s+)?[^\\s#:'\"{}\\[\\],：]+\\s*：");

    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Yaml> documents = new HashMap<>();
    /** Files already read (an overlay laid over its base), by name: read from these, not from the text. */
    private final Map<String, SourcedYaml> sourced;
    /** Parameters with a problem of their own: no further check adds another about them. */
    private final Set<String> refused = new HashSet<>();
    private boolean parametersUnreadable;
    private final Set<String> tooLarge = new HashSet<>();
    private int leftOut;

    public CatalogueReader() {
        this(Map.of());
    }

    /**
     * A reader of a pack whose {@code pack.yaml} and {@code parameters.yaml} (those named in
     * {@code sourced}) were already read and laid together ({@link PackOverlay}): every problem in
     * them names the file and line the offending place was written on.
     */
    public CatalogueReader(Map<String, SourcedYaml> sourced) {
        this.sourced = Map.copyOf(sourced);
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_YAML_BYTES);
        loader.setNestingDepthLimit(MAX_DEPTH);
        loader.setMaxAliasesForCollections(1);
        loader.setAllowRecursiveKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxDocumentLength(MAX_YAML_BYTES)
                        .maxStringLength(MAX_YAML_BYTES)
                        .maxNameLength(10_000)
                        .maxNumberLength(NumberRange.MAX_TEXT)
                        .build())
                .build();
    }

    public List<Problem> problems() {
        if (leftOut == 0) {
            return List.copyOf(problems);
        }
        List<Problem> all = new ArrayList<>(problems);
        all.add(new Problem(PARAMETERS + ", " + CATALOGUE, "PACK_LIMIT",
                "问题过多，另有 " + leftOut + " 个未列出；请先改正以上问题",
                leftOut + " more problems are not listed; fix the ones above first"));
        return List.copyOf(all);
    }

    /** Reads {@code parameters.yaml}, checking every figure's text and range. */
    public Parameters readParameters(PackFiles files) {
        JsonNode root = parse(files, PARAMETERS);
        Map<String, Parameter> byName = new LinkedHashMap<>();
        if (root == null) {
            parametersUnreadable = true;
            return new Parameters(byName);
        }
        root.fields().forEachRemaining(e -> {
            int before = problems.size() + leftOut;
            Parameter p = parameter(e.getKey(), e.getValue());
            if (problems.size() + leftOut > before) {
                refused.add(e.getKey());
            }
            if (p != null) {
                byName.put(e.getKey(), p);
            }
        });
        return new Parameters(byName);
    }

    /**
     * Reads {@code pack.yaml} and checks the figures that the catalogue gives a role (units,
     * windows, points within an indicator's maximum, lines). Returns {@code null} when
     * {@code pack.yaml} cannot be read, and also when {@code parameters.yaml} could not be read
     * (the rules cannot be checked against figures that are not there); the problems say why.
     */
    public PackCatalogue readCatalogue(PackFiles files, Parameters parameters) {
        JsonNode root = parse(files, CATALOGUE);
        if (root == null) {
            return null;
        }
        Place at = Place.root(CATALOGUE);
        allowOnly(root, at, Set.of("id", "version", "zh", "en", "decimals", "rounding", "notApplicable", "baseMax",
                "counting", "tasks", "bonus", "vetoes", "keys", "verdicts"));
        String id = text(root, "id", at);
        String version = text(root, "version", at);
        BigDecimal scale = number(root.get("decimals"), at.child("decimals"), DECIMALS, "得分保留的小数位数",
                "the decimals of every indicator's points");
        int decimals = scale == null ? 2 : scale.intValueExact();
        Map<String, KeySpec> keys = keys(root.path("keys"), at.child("keys"));
        keys.values().stream().filter(k -> k.perResidents() != null).forEach(k -> {
            String name = parameterName(root.path("keys").path(k.name()), "perResidents",
                    at.child("keys").child(k.name()), parameters);
            checkParameter(parameters, name, PER_RESIDENTS, "证据键 " + k.name() + " 按每多少常住人口计的单位",
                    "the unit of residents the key " + k.name() + " is read per");
        });
        List<TaskSpec> tasks = tasks(root.path("tasks"), at.child("tasks"));
        List<ItemSpec> bonus = items(root.path("bonus"), at.child("bonus"));
        List<ItemSpec> vetoes = items(root.path("vetoes"), at.child("vetoes"));
        CountingSpec counting = counting(root.path("counting"), at.child("counting"), keys, parameters);
        BigDecimal baseMax = root.has("baseMax") ? number(root.get("baseMax"), at.child("baseMax"), NumberRange.ANY,
                null, null) : null;
        Scoring scoring = new Scoring(decimals, oneOf(root, "rounding", at, ROUNDING, RoundingMode.HALF_UP),
                oneOf(root, "notApplicable", at, NOT_APPLICABLE, Scoring.NotApplicable.FULL_POINTS));
        List<Verdict> verdicts = verdicts(root.path("verdicts"), at.child("verdicts"));
        PackCatalogue catalogue = new PackCatalogue(id, version, root.path("zh").asText(""), root.path("en").asText(""),
                scoring, baseMax, tasks, bonus, vetoes, keys, counting, verdicts);
        checkPoints(catalogue, parameters);
        // without the figures the rules cannot be checked: one problem about parameters.yaml, not
        // one for every figure a rule reads
        return parametersUnreadable ? null : catalogue;
    }

    // ------------------------------------------------------------------------------------ YAML

    private JsonNode parse(PackFiles files, String name) {
        SourcedYaml read = sourced.get(name);
        if (read != null) {
            documents.put(name, new Yaml(read));
            return read.root();
        }
        byte[] bytes = files.all().get(name);
        if (bytes == null) {
            add(new Problem(name, "PACK_FILE_MISSING", "规则包缺少文件 " + name, "the pack has no " + name));
            return null;
        }
        return parse(name, bytes);
    }

    /**
     * Reads one YAML file under the same limits and checks, naming it {@code name} in its problems;
     * {@code null} after a problem.
     */
    SourcedYaml sourced(String name, byte[] bytes) {
        JsonNode root = parse(name, bytes);
        if (root == null) {
            return null;
        }
        Yaml doc = documents.get(name);
        Map<String, String> places = new HashMap<>();
        doc.lines.forEach((key, line) -> places.put(key, name + ":" + line));
        return new SourcedYaml(root, places, doc.numbers);
    }

    /**
     * Reads another YAML file of a pack (a test file, {@code tests/*.yaml}) under the same limits
     * and checks as {@code pack.yaml}: a mapping at the top, a single document, no alias, no key
     * written twice (which would hide the first), numbers only as plain decimals. A slip is thrown
     * as one line {@code file:line: 中文 / English}.
     */
    public static JsonNode readMapping(String name, String text) {
        CatalogueReader reader = new CatalogueReader();
        JsonNode root = reader.parse(name, text.getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = reader.problems();
        if (!problems.isEmpty() || root == null) {
            throw new IllegalArgumentException(problems.isEmpty() ? name + ": 无法读取 / cannot be read"
                    : problems.get(0).toString());
        }
        return root;
    }

    private JsonNode parse(String name, byte[] bytes) {
        if (bytes.length > MAX_YAML_BYTES) {
            tooLarge.add(name);
            add(new Problem(name, "PACK_LIMIT", name + " 过大：" + String.format("%,d", bytes.length) + " 字节，最多 "
                    + String.format("%,d", MAX_YAML_BYTES) + " 字节；请删去多余内容",
                    name + " is too large: " + String.format("%,d", bytes.length) + " bytes, at most "
                            + String.format("%,d", MAX_YAML_BYTES) + "; remove what does not belong"));
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Yaml doc = new Yaml();
        documents.put(name, doc);
        JsonParser parser = null;
        try (JsonParser p = YAML.createParser(text)) {
            parser = p;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                add(new Problem(name, "PACK_SYNTAX", name + " 应为键值映射", name + " must be a mapping"));
                return null;
            }
            JsonNode root = doc.read(p, Place.root(name));
            if (p.nextToken() != null) {
                add(new Problem(name + ":" + p.currentTokenLocation().getLineNr(), "PACK_SYNTAX",
                        name + " 只能含一个 YAML 文档（不要用 ---）", name + " must hold a single YAML document (no ---)"));
                return null;
            }
            return root;
        } catch (Refused r) {
            add(new Problem(name + ":" + r.line, r.code, r.zh, r.en));
        } catch (StreamConstraintsException e) {
            int line = line(e.getLocation(), parser);
            boolean depth = String.valueOf(e.getOriginalMessage()).contains("nesting depth");
            boolean digits = String.valueOf(e.getOriginalMessage()).startsWith("Number value length");
            if (digits) {
                add(new Problem(where(name, line), "PACK_LIMIT", "数字超过 " + NumberRange.MAX_TEXT
                                + " 位；请写成允许范围内的数，若它是文字（如 sha256 摘要）请加引号",
                        "a number of more than " + NumberRange.MAX_TEXT + " digits; write a number in range, or put"
                                + " it in quotes if it is text (such as a sha256 digest)"));
                return null;
            }
            add(new Problem(where(name, line), "PACK_LIMIT",
                    depth ? "嵌套超过 " + MAX_DEPTH + " 层；请检查缩进和括号" : "超出 YAML 读取限制：" + firstLine(e.getOriginalMessage()),
                    depth ? "nested more than " + MAX_DEPTH + " levels deep; check the indentation and brackets"
                            : "beyond the YAML reading limits: " + firstLine(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                // SnakeYAML's own marks: where the error was found, and what it was reading
                String context = m.getContext() == null ? "" : m.getContext()
                        + (m.getContextMark() == null ? "" : " (line " + (m.getContextMark().getLine() + 1) + ")") + "; ";
                syntaxError(name, text, m.getProblemMark().getLine() + 1, context + m.getProblem());
            } else {
                syntaxError(name, text, line(e.getLocation(), parser), e.getOriginalMessage());
            }
        } catch (IOException | RuntimeException e) {
            syntaxError(name, text, line(null, parser), e.getMessage());
        }
        return null;
    }

    private static int line(JsonLocation location, JsonParser parser) {
        if (location != null && location.getLineNr() > 0) {
            return location.getLineNr();
        }
        try {
            return parser == null ? -1 : parser.currentLocation().getLineNr();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static String where(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }

    /** A YAML syntax error; a tab in the indentation or a full-width colon is named as such. */
    private void syntaxError(String name, String text, int line, String message) {
        String[] lines = text.split("\n", -1);
        int last = line > 0 ? Math.min(line, lines.length) : lines.length;
        for (int n = 0; n < last; n++) {
            String l = lines[n];
            String indent = l.substring(0, l.length() - l.stripLeading().length());
            if (indent.indexOf('\t') >= 0) {
                add(new Problem(name + ":" + (n + 1), "PACK_SYNTAX",
                        "YAML 格式错误：用制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格",
                        "YAML syntax error: the line is indented with a tab; YAML indents with spaces only, replace the tab with spaces"));
                return;
            }
            if (FULL_WIDTH_KEY.matcher(l).find()) {
                add(new Problem(name + ":" + (n + 1), "PACK_SYNTAX",
                        "YAML 格式错误：键后用了全角冒号“：”；请改为半角冒号加空格“: ”",
                        "YAML syntax error: a full-width colon '：' follows the key; write an ASCII colon and a space ': '"));
                return;
            }
        }
        String m = firstLine(message);
        add(new Problem(where(name, line), "PACK_SYNTAX", "YAML 格式错误：" + m, "YAML syntax error: " + m));
    }

    /** The message up to SnakeYAML's excerpt of the file, on one line, at most 300 characters. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int excerpt = message.indexOf(" in '");
        String m = (excerpt > 0 ? message.substring(0, excerpt) : message).replaceAll("\\s+", " ").strip();
        return escape(m.length() > 300 ? m.substring(0, 300) + "…" : m);
    }

    /** A YAML document refused while it was read: an alias, too many entries. */
    private static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final String code;
        private final String zh;
        private final String en;

        Refused(int line, String code, String zh, String en) {
            super(en);
            this.line = line;
            this.code = code;
            this.zh = zh;
            this.en = en;
        }
    }

    /**
     * One file read into a tree, with the line of every place and the text of every number. Numbers
     * become nodes only when their text is safe ({@link NumberRange#read}); others stay text.
     */
    private final class Yaml {
        private final Map<String, Integer> lines = new HashMap<>();
        private final Map<String, String> numbers = new HashMap<>();
        /** Where each place was written, when the file was read before (else its own lines). */
        private final SourcedYaml source;
        private int nodes;

        Yaml() {
            this.source = null;
        }

        Yaml(SourcedYaml source) {
            this.source = source;
            numbers.putAll(source.numbers());
        }

        /** {@code file:line} of the place or of the nearest enclosing one, else the file. */
        String place(String file, String key) {
            if (source != null) {
                String place = source.place(key);
                return place == null ? file : place;
            }
            Integer line = null;
            while (line == null && !key.isEmpty()) {
                line = lines.get(key);
                key = key.substring(0, key.lastIndexOf('/'));
            }
            return line == null ? file : file + ":" + line;
        }

        JsonNode read(JsonParser p, Place at) throws IOException {
            int line = p.currentTokenLocation().getLineNr();
            if (!at.key().isEmpty()) {
                lines.putIfAbsent(at.key(), line);
            }
            if (++nodes > MAX_NODES) {
                throw new Refused(line, "PACK_LIMIT", "条目超过 " + String.format("%,d", MAX_NODES) + " 个；请删去多余内容",
                        "more than " + String.format("%,d", MAX_NODES) + " entries; remove what does not belong");
            }
            if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                String alias = escape(NumberRange.shown(p.getText(), false));
                throw new Refused(line, "PACK_SYNTAX", "不支持 YAML 别名 *" + alias + "；请把内容直接写出",
                        "YAML aliases (*" + alias + ") are not supported; write the content out");
            }
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT:
                    return object(p, at);
                case START_ARRAY: {
                    ArrayNode a = NODES.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        a.add(read(p, at.index(i++)));
                    }
                    return a;
                }
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT: {
                    String raw = p.getText();
                    numbers.put(at.key(), raw);
                    BigDecimal value = NumberRange.read(raw).value();
                    if (value == null) {
                        return NODES.textNode(raw);
                    }
                    return value.scale() == 0 && value.precision() < 10 ? NODES.numberNode(value.intValueExact())
                            : NODES.numberNode(value);
                }
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    return NODES.textNode(p.getText());
            }
        }

        private ObjectNode object(JsonParser p, Place at) throws IOException {
            ObjectNode o = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Place field = at.child(name);
                int line = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (o.has(name)) {
                    Integer first = lines.get(field.key());
                    p.skipChildren();
                    add(new Problem(field.file() + ":" + line + ": " + field.path(), "PACK_SYNTAX",
                            "键 " + escape(name) + " 重复" + (first == null ? "" : "（第 " + first + " 行已有）") + "；请删去或合并其中一个",
                            "the key " + escape(name) + " is repeated" + (first == null ? "" : " (already on line " + first + ")")
                                    + "; remove or merge one of them"));
                    continue;
                }
                lines.put(field.key(), line);
                o.set(name, read(p, field));
            }
            return o;
        }
    }

    // ------------------------------------------------------------------------------ parameters

    private Parameter parameter(String name, JsonNode node) {
        Place at = Place.root(PARAMETERS).child(name);
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
        BigDecimal number = null;
        if (node.has("value")) {
            Role role = Role.of(name);
            number = number(node.get("value"), at.child("value"), role.range, role.zh, role.en);
            // a refused figure is kept as 0 so that the rules' references still resolve: the pack
            // does not load while any problem remains, so 0 is never used
            number = number == null ? BigDecimal.ZERO : number;
        }
        List<Band> bands = node.has("bands") ? bands(node.get("bands"), at.child("bands")) : null;
        List<String> texts = node.has("values") ? texts(node.get("values"), at.child("values")) : null;
        return new Parameter(name, node.path("zh").asText(""), node.path("en").asText(""), node.path("ref").asText(""),
                number, bands, texts);
    }

    /** What a parameter's name says its value is, by the naming conventions of section 3. */
    private record Role(NumberRange range, String zh, String en) {
        static Role of(String name) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            if (last.endsWith("per_residents")) {
                return new Role(PER_RESIDENTS, "按每多少常住人口计的单位", "a unit of residents");
            }
            if (last.equals("target") || last.endsWith("_target")) {
                return new Role(NumberRange.POSITIVE, "比例计分的目标值（作除数，须大于 0）", "a proportional target (a divisor, so above 0)");
            }
            if (List.of(last.split("_")).contains("deduction")) {
                return new Role(NumberRange.POSITIVE, "每次扣分（整改计算以它作除数，须大于 0）",
                        "a deduction per occurrence (rectification divides by it, so above 0)");
            }
            if (last.equals("floor") || last.endsWith("_floor")) {
                return new Role(NumberRange.FRACTION, "得分率（占满分的比例）", "a share of the maximum");
            }
            return new Role(NumberRange.ANY, null, null);
        }
    }

    private List<Band> bands(JsonNode node, Place at) {
        List<Band> bands = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problem(at, "分档应为非空列表", "bands must be a non-empty list");
            return bands;
        }
        if (node.size() > MAX_BANDS) {
            problem(at, "PACK_LIMIT", "分档有 " + node.size() + " 档，最多 " + MAX_BANDS + " 档；请合并分档",
                    "there are " + node.size() + " bands, at most " + MAX_BANDS + "; merge some of them");
            return bands;
        }
        Band previous = null;
        for (int i = 0; i < node.size(); i++) {
            Place b = at.index(i);
            JsonNode band = node.get(i);
            if (!band.isObject()) {
                problem(b, "每一档应写成 { atLeast: …, points: … }", "each band is written { atLeast: …, points: … }");
                continue;
            }
            allowOnly(band, b, Set.of("atLeast", "points"));
            BigDecimal atLeast = number(band.get("atLeast"), b.child("atLeast"), NumberRange.ANY, null, null);
            BigDecimal points = number(band.get("points"), b.child("points"), NumberRange.ANY, null, null);
            if (atLeast == null || points == null) {
                continue;
            }
            if (previous != null && atLeast.compareTo(previous.atLeast()) >= 0) {
                problem(b, "分档须从高到低排列，atLeast 逐档减小（第一档为满分）",
                        "bands must be listed from the highest down, atLeast falling (the first band is full points)");
            } else if (previous != null && points.compareTo(previous.points()) > 0) {
                problem(b, "PACK_RANGE", "分值 " + NumberRange.plain(points) + " 高于上一档的 " + NumberRange.plain(previous.points())
                                + "；门槛越低分值不能越高，第一档应为满分，请调整顺序或分值",
                        "the points " + NumberRange.plain(points) + " are above the band before ("
                                + NumberRange.plain(previous.points()) + "); a lower threshold cannot earn more, the first band"
                                + " is full points: reorder the bands or fix the points");
            }
            previous = new Band(atLeast, points);
            bands.add(previous);
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

    // ------------------------------------------------------------------------------- catalogue

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
                absent = absentMeans(type, a, k.child("absentMeans"));
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

    private Object absentMeans(KeyType type, JsonNode a, Place at) {
        if (type == KeyType.BOOL) {
            if (!a.isBoolean()) {
                problem(at, "BOOL 键的 absentMeans 应为 true 或 false", "absentMeans of a BOOL key must be true or false");
                return null;
            }
            return a.asBoolean();
        }
        NumberRange range = switch (type) {
            case COUNT -> NumberRange.COUNT;
            case PERCENT -> NumberRange.PERCENT;
            default -> NumberRange.ANY;
        };
        return number(a, at, range, type + " 键的取值", "the value of a " + type + " key");
    }

    /** What a bound may name besides the keys: the county's profile. */
    private static final List<String> COUNTY_FIELDS = List.of("county.population", "county.townships", "county.villages");

    private void checkReferences(KeySpec spec, Place at, Map<String, KeySpec> keys) {
        if (spec.atMost() == null) {
            return;
        }
        for (Bound.Term t : spec.atMost().terms()) {
            boolean county = COUNTY_FIELDS.contains(t.name());
            if (!county && !keys.containsKey(t.name())) {
                List<String> known = new ArrayList<>(keys.keySet());
                known.addAll(COUNTY_FIELDS);
                String near = Spelling.nearest(t.name(), known);
                problem(at.child("atMost"), "上限引用了未知的键 " + t.name() + "；请改为 keys 中的键或 county.population、"
                                + "county.townships、county.villages" + (near == null ? "" : "（是否应为 " + near + "？）"),
                        "the bound names an unknown key " + t.name() + "; name a key of keys, or county.population,"
                                + " county.townships or county.villages" + (near == null ? "" : " (" + near + "?)"));
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
            JsonNode list = list(t.path("indicators"), tp.child("indicators"));
            for (int j = 0; j < list.size(); j++) {
                JsonNode ind = list.get(j);
                Place ip = tp.child("indicators").index(j);
                allowOnly(ind, ip, Set.of("id", "zh", "en", "max", "keyItem"));
                BigDecimal max = number(ind.get("max"), ip.child("max"), NumberRange.ANY, null, null);
                indicators.add(new IndicatorSpec(text(ind, "id", ip), taskId, ind.path("zh").asText(""),
                        ind.path("en").asText(""), max,
                        ind.path("keyItem").asBoolean(false)));
            }
            BigDecimal max = number(t.get("max"), tp.child("max"), NumberRange.ANY, null, null);
            tasks.add(new TaskSpec(taskId, t.path("zh").asText(""), t.path("en").asText(""),
                    max, indicators));
        }
        return tasks;
    }

    private List<ItemSpec> items(JsonNode node, Place at) {
        List<ItemSpec> items = new ArrayList<>();
        node = list(node, at);
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            Place p = at.index(i);
            allowOnly(n, p, Set.of("id", "zh", "en"));
            items.add(new ItemSpec(text(n, "id", p), n.path("zh").asText(""), n.path("en").asText("")));
        }
        return items;
    }

    /** The verdict levels, best first: each an upper-case id, its names and whether it passes. */
    private List<Verdict> verdicts(JsonNode node, Place at) {
        List<Verdict> levels = new ArrayList<>();
        if (node.isMissingNode()) {
            problem(at, "缺少 verdicts（结论等级，由高到低，如 { id: PASS, zh: 达标, en: Pass, passes: true }）",
                    "verdicts is missing (the verdict levels, best first, e.g. { id: PASS, zh: 达标, en: Pass, passes: true })");
            return levels;
        }
        node = list(node, at);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            Place p = at.index(i);
            allowOnly(n, p, Set.of("id", "zh", "en", "passes"));
            String code = text(n, "id", p);
            if (!code.isEmpty() && !VERDICT_CODE.matcher(code).matches()) {
                problem(p.child("id"), "结论代码 " + escape(code) + " 应为大写英文字母、数字或下划线（不超过 32 个），如 GOOD",
                        "the verdict code " + escape(code) + " should be upper-case letters, digits or '_' (at most 32), e.g. GOOD");
            } else if (!code.isEmpty() && !seen.add(code)) {
                problem(p.child("id"), "结论代码 " + code + " 重复", "the verdict code " + code + " is listed twice");
            }
            if (!n.path("passes").isBoolean()) {
                problem(p.child("passes"), "passes 应为 true（达到此结论即通过）或 false",
                        "passes should be true (a county at this level passes) or false");
            }
            levels.add(new Verdict(code, text(n, "zh", p), text(n, "en", p), n.path("passes").asBoolean(false)));
        }
        if (levels.isEmpty()) {
            problem(at, "至少要有一个结论等级", "at least one verdict level is needed");
        }
        return levels;
    }

    /** A field whose value is one of {@code choices} by name, or {@code otherwise} when absent. */
    private <T> T oneOf(JsonNode root, String field, Place at, Map<String, T> choices, T otherwise) {
        JsonNode v = root.get(field);
        if (v == null) {
            return otherwise;
        }
        T chosen = v.isTextual() ? choices.get(v.asText()) : null;
        if (chosen == null) {
            problem(at.child(field), field + " 应为 " + String.join("、", choices.keySet()) + " 之一",
                    field + " should be one of " + String.join(", ", choices.keySet()));
            return otherwise;
        }
        return chosen;
    }

    private CountingSpec counting(JsonNode node, Place at, Map<String, KeySpec> keys, Parameters parameters) {
        allowOnly(node, at, Set.of("verifiedOnlyIn", "evidenceYearsBack", "evidenceYearsBackByKey",
                "incidentMonthsBack", "surveys"));
        Set<Mode> verifiedOnly = EnumSet.noneOf(Mode.class);
        for (JsonNode m : node.path("verifiedOnlyIn")) {
            try {
                verifiedOnly.add(Mode.valueOf(m.asText()));
            } catch (IllegalArgumentException e) {
                problem(at.child("verifiedOnlyIn"), "未知评价方式 " + escape(m.asText()), "unknown mode " + escape(m.asText()));
            }
        }
        String evidenceYears = parameterName(node, "evidenceYearsBack", at, parameters);
        checkParameter(parameters, evidenceYears, YEARS_BACK, "证据计入期限（年）", "the evidence window in years");
        Map<String, String> byKey = new LinkedHashMap<>();
        node.path("evidenceYearsBackByKey").fields().forEachRemaining(e -> {
            knownKey(e.getKey(), at.child("evidenceYearsBackByKey"), keys);
            String name = parameterName(node.path("evidenceYearsBackByKey"), e.getKey(),
                    at.child("evidenceYearsBackByKey"), parameters);
            checkParameter(parameters, name, YEARS_BACK, "证据计入期限（年）", "the evidence window in years");
            byKey.put(e.getKey(), name);
        });
        String incidentMonths = parameterName(node, "incidentMonthsBack", at, parameters);
        checkParameter(parameters, incidentMonths, MONTHS_BACK, "事故计入期限（月）", "the incident window in months");
        List<SurveySpec> surveys = new ArrayList<>();
        JsonNode list = list(node.path("surveys"), at.child("surveys"));
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            Place sp = at.child("surveys").index(i);
            allowOnly(s, sp, Set.of("respondentsKey", "minimumRespondents", "keys"));
            String respondents = text(s, "respondentsKey", sp);
            knownKey(respondents, sp.child("respondentsKey"), keys);
            List<String> surveyKeys = texts(s.path("keys"), sp.child("keys"));
            surveyKeys.forEach(k -> knownKey(k, sp.child("keys"), keys));
            String minimum = parameterName(s, "minimumRespondents", sp, parameters);
            checkParameter(parameters, minimum, NumberRange.COUNT, "最少有效问卷数", "the fewest survey respondents");
            surveys.add(new SurveySpec(respondents, minimum, surveyKeys));
        }
        return new CountingSpec(verifiedOnly, evidenceYears, byKey, incidentMonths, surveys);
    }

    /** Whether the file was there to be read (it may still have been refused). */
    private boolean present(String name) {
        return documents.containsKey(name) || tooLarge.contains(name);
    }

    /** The list at a place; an empty list, after a problem, when something else is there. */
    private JsonNode list(JsonNode node, Place at) {
        if (node.isArray() || node.isMissingNode()) {
            return node.isArray() ? node : NODES.arrayNode();
        }
        problem(at, "应为列表", "must be a list");
        return NODES.arrayNode();
    }

    private String parameterName(JsonNode node, String field, Place at, Parameters parameters) {
        String name = node.path(field).asText("");
        if (parametersUnreadable && present(PARAMETERS)) {
            return name; // parameters.yaml itself is wrong; that one problem says so
        }
        if (name.isEmpty() || !parameters.has(name) || parameters.all().get(name).number() == null) {
            problem(at.child(field), "应为 parameters.yaml 中的数值参数名：" + escape(name),
                    "must name a number parameter of parameters.yaml: " + escape(name));
        }
        return name;
    }

    /**
     * The points a parameter gives an indicator stay within its maximum: the points of every band
     * and a points-like value ({@code …points}, {@code …_points}, {@code points_…}, {@code …deduction…})
     * of a parameter named after the indicator ({@code T1.2.bands}, {@code T3.7.deduction_each}). A
     * line ({@code pass_line}) stays within the base maximum plus the bonus cap ({@code bonus.cap}).
     */
    private void checkPoints(PackCatalogue catalogue, Parameters parameters) {
        List<IndicatorSpec> indicators = new ArrayList<>(catalogue.indicators().toList());
        indicators.sort(Comparator.comparingInt((IndicatorSpec i) -> i.id().length()).reversed());
        for (Parameter p : parameters.all().values()) {
            if (refused.contains(p.name())) {
                continue;
            }
            String last = p.name().substring(p.name().lastIndexOf('.') + 1);
            IndicatorSpec indicator = indicators.stream().filter(i -> p.name().startsWith(i.id() + ".")).findFirst()
                    .orElse(null);
            if (indicator != null && indicator.max() != null) {
                NumberRange range = NumberRange.upTo(indicator.max());
                String zh = "指标 " + indicator.id() + " 满分为 " + NumberRange.plain(indicator.max());
                String en = "the maximum of indicator " + indicator.id() + " is " + NumberRange.plain(indicator.max());
                if (p.bands() != null) {
                    for (int i = 0; i < p.bands().size(); i++) {
                        Band b = p.bands().get(i);
                        if (!range.contains(b.points())) {
                            outOfRange(Place.root(PARAMETERS).child(p.name()).child("bands").index(i).child("points"),
                                    b.points(), range, zh, en);
                            refused.add(p.name());
                            break;
                        }
                    }
                } else if (p.number() != null && pointsLike(last)) {
                    checkParameter(parameters, p.name(), range, zh, en);
                }
            }
            if (p.number() != null && (last.equals("line") || last.endsWith("_line"))) {
                line(catalogue, parameters, p.name());
            }
        }
    }

    private static boolean pointsLike(String last) {
        for (String word : last.split("_")) {
            if (word.equals("points") || word.equals("deduction")) {
                return true;
            }
        }
        return false;
    }

    private void line(PackCatalogue catalogue, Parameters parameters, String name) {
        if (catalogue.baseMax() == null && catalogue.tasks().stream().anyMatch(t -> t.max() == null)) {
            return; // a task's maximum has a problem of its own
        }
        BigDecimal base = catalogue.baseMax() != null ? catalogue.baseMax()
                : catalogue.tasks().stream().map(TaskSpec::max).reduce(BigDecimal.ZERO, BigDecimal::add);
        Parameter cap = parameters.all().get("bonus.cap");
        if (cap != null && cap.number() != null && !refused.contains("bonus.cap")) {
            checkParameter(parameters, name, NumberRange.upTo(base.add(cap.number())),
                    "基础分满分 " + NumberRange.plain(base) + " 加加分上限 " + NumberRange.plain(cap.number()),
                    "the base maximum " + NumberRange.plain(base) + " plus the bonus cap " + NumberRange.plain(cap.number()));
        } else if (catalogue.bonus().isEmpty()) {
            checkParameter(parameters, name, NumberRange.upTo(base), "基础分满分为 " + NumberRange.plain(base),
                    "the base maximum is " + NumberRange.plain(base));
        }
    }

    /** A number parameter that the catalogue gives a role stays within that role's range. */
    private void checkParameter(Parameters parameters, String name, NumberRange range, String zh, String en) {
        Parameter p = parameters.all().get(name);
        if (p == null || p.number() == null || refused.contains(name)) {
            return;
        }
        if (!range.contains(p.number())) {
            outOfRange(Place.root(PARAMETERS).child(name).child("value"), p.number(), range, zh, en);
            refused.add(name);
        }
    }

    private void knownKey(String key, Place at, Map<String, KeySpec> keys) {
        if (key != null && !keys.containsKey(key)) {
            problem(at, "证据键目录中没有 " + escape(key), "the key catalogue has no " + escape(key));
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

    // --------------------------------------------------------------------------------- numbers

    /**
     * The number at a place, or {@code null} after a problem: not a number, not finite, not plain
     * decimal notation, or outside the range. The text is checked before any value is made.
     */
    private BigDecimal number(JsonNode v, Place at, NumberRange range, String zh, String en) {
        if (v == null || v.isMissingNode() || v.isNull() || v.isContainerNode() || v.isBoolean()) {
            problem(at, "应为数字（" + range.zh() + "）", "must be a number (" + range.en() + ")");
            return null;
        }
        Yaml doc = documents.get(at.file());
        String raw = doc == null ? null : doc.numbers.get(at.key());
        boolean quoted = raw == null;
        if (raw == null) {
            raw = v.asText();
        }
        NumberRange.Read read = NumberRange.read(raw);
        String shownZh = escape(NumberRange.shown(raw, true));
        String shownEn = escape(NumberRange.shown(raw, false));
        if (read.refusal() == null && quoted && v.isTextual()) {
            problem(at, "应为数字，而 “" + shownZh + "” 是加了引号的文字；请去掉引号",
                    "must be a number, and \"" + shownEn + "\" is quoted text; remove the quotes");
            return null;
        }
        if (read.refusal() != null) {
            switch (read.refusal()) {
                case NOT_A_NUMBER -> problem(at, "应为数字（" + range.zh() + "），而不是 “" + shownZh + "”",
                        "must be a number (" + range.en() + "), not \"" + shownEn + "\"");
                case NOT_FINITE -> problem(at, "PACK_RANGE", "数值 " + shownZh + " 不是有限的数；请改为允许范围（" + range.zh() + "）内的数",
                        "the value " + shownEn + " is not a finite number; write a number in range (" + range.en() + ")");
                case NOTATION -> problem(at, "PACK_RANGE", "数值 " + shownZh
                                + " 不是普通十进制写法（不用十六进制、八进制、前导 0 或下划线）；请写成 12、0.5 这样的数（" + range.zh() + "）",
                        "the value " + shownEn + " is not in plain decimal notation (no hexadecimal, octal, leading zeros"
                                + " or underscores); write it like 12 or 0.5 (" + range.en() + ")");
                default -> outOfRange(at, shownZh, shownEn, range, zh, en);
            }
            return null;
        }
        if (!range.contains(read.value())) {
            outOfRange(at, shownZh, shownEn, range, zh, en);
            return null;
        }
        return read.value();
    }

    /** A value that was read but is outside a role's range, shown as the file writes it. */
    private void outOfRange(Place at, BigDecimal value, NumberRange range, String zh, String en) {
        Yaml doc = documents.get(at.file());
        String raw = doc == null ? null : doc.numbers.get(at.key());
        String shown = raw == null ? NumberRange.plain(value) : escape(NumberRange.shown(raw, false));
        outOfRange(at, shown, shown, range, zh, en);
    }

    private void outOfRange(Place at, String shownZh, String shownEn, NumberRange range, String zh, String en) {
        problem(at, "PACK_RANGE", "数值 " + shownZh + " 超出允许范围（" + range.zh() + "）" + (zh == null ? "" : "：" + zh)
                        + "；请改为此范围内的数",
                "the value " + shownEn + " is out of range (" + range.en() + ")" + (en == null ? "" : ": " + en)
                        + "; write a number in that range");
    }

    // -------------------------------------------------------------------------------- problems

    private void allowOnly(JsonNode node, Place at, Set<String> allowed) {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                String shown = escape(NumberRange.shown(f, false));
                boolean fullWidth = f.indexOf('：') >= 0;
                problem(at.child(f), "未知字段 " + shown + (fullWidth ? "（其中的全角冒号“：”应为半角冒号加空格“: ”）" : ""),
                        "unknown field " + shown + (fullWidth ? " (its full-width colon '：' should be ': ')" : ""));
            }
        });
    }

    private void problem(Place at, String zh, String en) {
        problem(at, "PACK_CATALOGUE", zh, en);
    }

    private void problem(Place at, String code, String zh, String en) {
        add(new Problem(where(at), code, zh, en));
    }

    private void add(Problem p) {
        if (problems.size() >= MAX_PROBLEMS) {
            leftOut++;
        } else {
            problems.add(p);
        }
    }

    /** {@code file:line: path}, the line that of the place or of the nearest enclosing one. */
    private String where(Place at) {
        String file = position(at.file(), at.key());
        return at.path().isEmpty() ? file : file + ": " + at.path();
    }

    /**
     * {@code file:line} where a place of a file read by this reader was written (a JSON pointer,
     * {@code /tasks/2}), or of the nearest enclosing place; for a pack laid over its base, the file
     * that wrote it ({@code hebei-fds-county-2014/pack.yaml:40}). The file alone when unknown.
     */
    public String position(String file, String pointer) {
        Yaml doc = documents.get(file);
        return doc == null ? file : doc.place(file, pointer);
    }

    /** Control and format characters of a text from a pack, as {@code \\uXXXX}. */
    private static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    /**
     * A place in a YAML file: its file, the path a person reads ({@code tasks[0].max}) and a key
     * that names it exactly (a JSON pointer, {@code /tasks/0/max}) to look its line up.
     */
    private record Place(String file, String path, String key) {
        static Place root(String file) {
            return new Place(file, "", "");
        }

        Place child(String name) {
            return new Place(file, path.isEmpty() ? name : path + "." + name,
                    key + "/" + name.replace("~", "~0").replace("/", "~1"));
        }

        Place index(int i) {
            return new Place(file, path + "[" + i + "]", key + "/" + i);
        }
    }
}
