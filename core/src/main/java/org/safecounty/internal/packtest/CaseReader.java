package org.safecounty.internal.packtest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.safecounty.internal.catalogue.PackOverlay;
import org.safecounty.internal.pack.PackFiles;

/**
 * Reads a pack's test files ({@code tests/*.yaml}) and builds each case's submission from its
 * base and its changes, as {@code tests/README.md} of the bundled pack describes.
 *
 * <p>A pack that extends another ({@code extends:} in {@code pack.yaml}) runs its base's cases too,
 * recursively, against itself: an own case with the file and name of an inherited one replaces it;
 * {@code adjust:} entries merge into an inherited case's expectations only the fields they name;
 * {@code drop:} entries take an inherited case out, each with its reason ({@code because:}). A
 * reference to no inherited case, an adjustment that changes nothing, or a drop without a reason is
 * an error naming the file, line and entry. An inherited case is built on the nearest
 * {@code tests/<base>} of the chain, the tested pack's first; an inherited case, or one built on the
 * base county of a pack beneath, that names the standard of a pack beneath the tested one is
 * assessed under the tested one.
 */
public final class CaseReader {

    private static final Set<String> CASE_FIELDS = Set.of("name", "county", "assessment", "evidence", "items",
            "addEvidence", "incidents", "submission", "expect");
    private static final Set<String> FILE_FIELDS = Set.of("base", "cases", "adjust", "drop");
    private static final Set<String> ADJUST_FIELDS = Set.of("case", "expect");
    private static final Set<String> DROP_FIELDS = Set.of("case", "because");
    private static final Pattern REFERENCE = Pattern.compile("^\\s*(\\S+?\\.yaml)\\s*:\\s*(.+?)\\s*$");
    private static final int MAX_DEPTH = 8;

    /** Numbers compare by value (3 and 3.0 are one figure), everything else as written. */
    private static final Comparator<JsonNode> SAME = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** At most this many cases in a pack: each holds a whole submission in memory while it runs. */
    public static final int MAX_CASES = 3_000;
    /** At most this many evidence items in a base county: every case copies it. */
    public static final int MAX_BASE_EVIDENCE = 1_000;

    /**
     * The cases a pack runs and how it came by them: {@code own} written in the pack itself,
     * {@code inherited} from the packs beneath it ({@code bases}, nearest first), of which
     * {@code adjusted} had expectations changed by this pack; {@code dropped} (each with its reason)
     * and {@code replaced} inherited cases do not run.
     */
    public record Cases(List<PackCase> cases, int own, int inherited, int adjusted, int replaced,
                        List<Dropped> dropped, List<PackFiles> bases) {
        public Cases {
            cases = List.copyOf(cases);
            dropped = List.copyOf(dropped);
            bases = List.copyOf(bases);
        }
    }

    /** An inherited case an overlay does not run, and why. */
    public record Dropped(String label, String because) {
    }

    /** Every case the pack runs, inherited ones included, in order: the inherited, then its own. */
    private final Set<String> verdicts;

    /** A reader that checks an expected verdict's form only (the pack's levels are checked when a case runs). */
    public CaseReader() {
        this(Set.of());
    }

    /** A reader that also checks each expected verdict against the pack's levels, with the nearest as a hint. */
    public CaseReader(java.util.Collection<String> verdictCodes) {
        this.verdicts = Set.copyOf(verdictCodes);
    }

    public List<PackCase> read(PackFiles files) {
        return readAll(files).cases();
    }

    /** The pack's cases, finding the packs it extends as loading it does ({@link PackOverlay#besideOrBundled}). */
    public Cases readAll(PackFiles files) {
        return readAll(files, PackOverlay.besideOrBundled(files));
    }

    /** The pack's cases, finding the packs it extends with {@code locate} (by id). */
    public Cases readAll(PackFiles files, Function<String, Optional<PackFiles>> locate) {
        Level top = level(files, locate, new LinkedHashSet<>());
        if (top.cases.size() > MAX_CASES) {
            throw tooMany();
        }
        Set<String> beneath = new LinkedHashSet<>(top.ids);
        beneath.remove(top.id);
        Map<String, JsonNode> bases = new HashMap<>();
        List<PackCase> cases = new ArrayList<>();
        int inherited = 0;
        for (Raw r : top.cases) {
            boolean own = r.from.equals(top.id);
            Built built = submission(r, top.chain, bases);
            JsonNode submission = built.submission;
            JsonNode standard = submission.path("assessment").path("standard");
            if ((!own || built.baseBeneath) && standard.isTextual() && beneath.contains(standard.asText())) {
                ((ObjectNode) submission.get("assessment")).put("standard", top.id);
            }
            inherited += own ? 0 : 1;
            cases.add(new PackCase(r.file, r.index, r.name, submission, r.node.path("expect"), own ? null : r.from,
                    r.adjusted));
        }
        return new Cases(cases, cases.size() - inherited, inherited, top.adjusted, top.replaced, top.dropped,
                top.chain.subList(1, top.chain.size()));
    }

    /** A case as read, before its submission is built: built last, on the base county of the tested pack's chain. */
    private record Raw(String file, int index, String name, JsonNode node, String base, String from,
                       boolean adjusted) {
        String label() {
            return file + " #" + index + " " + name;
        }
    }

    /** A pack's cases with those it inherits, and the packs beneath it (itself first). */
    private record Level(String id, List<Raw> cases, List<PackFiles> chain, List<String> ids, int adjusted,
                         int replaced, List<Dropped> dropped) {
    }

    /** One entry of a file's {@code adjust:} or {@code drop:}, with where it is written. */
    private record Directive(String kind, JsonNode entry, String where) {
    }

    private Level level(PackFiles files, Function<String, Optional<PackFiles>> locate, Set<String> seen) {
        String id = packId(files);
        boolean overlay = PackOverlay.extendsAnother(files);
        List<Raw> own = new ArrayList<>();
        List<Directive> directives = new ArrayList<>();
        files.all().keySet().stream().filter(p -> p.startsWith("tests/") && !p.endsWith(".yaml")
                && p.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(ya?ml)")).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(p + ": 测试文件须以 .yaml 结尾，否则不会被读取；请改名为 "
                    + p.substring(0, p.lastIndexOf('.')) + ".yaml / a test file must end in .yaml or it is never read;"
                    + " rename it " + p.substring(0, p.lastIndexOf('.')) + ".yaml");
        });
        files.folders().stream().filter(p -> p.startsWith("tests/") && p.endsWith(".yaml")).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(p + ": 这是文件夹，应为测试文件 / it is a folder, not a test file");
        });
        files.paths(".yaml").filter(p -> p.startsWith("tests/")).forEach(path -> {
            readFile(files, path, id, overlay, own, directives);
            if (own.size() > MAX_CASES) {
                throw tooMany();
            }
        });
        if (!overlay) {
            return new Level(id, own, List.of(files), List.of(id), 0, 0, List.of());
        }
        if (!seen.add(id) || seen.size() > MAX_DEPTH) {
            throw new IllegalArgumentException("pack.yaml: 规则包的继承形成了循环 / the packs extend each other in a"
                    + " circle: " + String.join(" → ", seen) + " → " + id);
        }
        String baseId = yamlOf(files, "pack.yaml").path("extends").path("id").asText("");
        PackFiles baseFiles = locate.apply(baseId).orElseThrow(() -> new IllegalArgumentException("pack.yaml: 找不到所继承的"
                + "规则包 " + baseId + "，无法读取它的测试用例 / the pack it extends, " + baseId
                + ", cannot be found: its test cases cannot be read"));
        Level base = level(baseFiles, locate, seen);
        return inherit(id, files, base, own, directives);
    }

    /** The base's cases as this overlay says, then its own. */
    private Level inherit(String id, PackFiles files, Level base, List<Raw> own, List<Directive> directives) {
        List<Raw> inherited = new ArrayList<>(base.cases);
        String[] handled = new String[inherited.size()];
        boolean[] gone = new boolean[inherited.size()];
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int i = 0; i < inherited.size(); i++) {
            byName.computeIfAbsent(key(inherited.get(i).file, inherited.get(i).name), k -> new ArrayList<>()).add(i);
        }
        int replaced = 0;
        for (Raw r : own) {
            List<Integer> at = byName.getOrDefault(key(r.file, r.name), List.of());
            if (at.size() > 1) {
                throw new IllegalArgumentException(r.file + " 用例 case " + (r.index + 1) + "「" + r.name + "」: 继承的同名"
                        + "用例有 " + at.size() + " 个，无法确定替换哪一个 / " + at.size() + " inherited cases have this name:"
                        + " which one it replaces is unclear");
            }
            if (at.size() == 1) {
                handled[at.get(0)] = "由 " + r.file + " 的同名用例替换 / replaced by the case of the same name in " + r.file;
                gone[at.get(0)] = true;
                replaced++;
            }
        }
        int adjusted = 0;
        List<Dropped> dropped = new ArrayList<>();
        for (Directive d : directives) {
            JsonNode entry = d.entry;
            Set<String> allowed = d.kind.equals("adjust") ? ADJUST_FIELDS : DROP_FIELDS;
            if (!entry.isObject()) {
                throw refused(d, "应写成 { case: \"文件: 用例名\", … }", "should read { case: \"file: case name\", … }");
            }
            entry.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    String near = ExpectationShape.nearest(f, allowed);
                    throw refused(d, "没有字段 " + f + (near == null ? "" : "，是否应为 " + near + "？") + "（可用："
                                    + String.join("、", allowed.stream().sorted().toList()) + "）",
                            "no field " + f + (near == null ? "" : "; did you mean " + near + "?") + " (allowed: "
                                    + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            });
            Matcher m = REFERENCE.matcher(entry.path("case").asText(""));
            if (!entry.path("case").isTextual() || !m.matches()) {
                throw refused(d, "case 应写成 \"文件: 用例名\"，如 \"t3-enforcement.yaml: T3.6 …\"",
                        "case should read \"file: case name\", e.g. \"t3-enforcement.yaml: T3.6 …\"");
            }
            String file = m.group(1).startsWith("tests/") ? m.group(1) : "tests/" + m.group(1);
            String ref = file + ": " + m.group(2);
            List<Integer> at = byName.getOrDefault(key(file, m.group(2)), List.of());
            if (at.isEmpty()) {
                throw refused(d, "继承的用例中没有「" + ref + "」（文件名和用例名须与所继承的一字不差）",
                        "there is no inherited case \"" + ref + "\" (file and name must match the inherited ones exactly)");
            }
            if (at.size() > 1) {
                throw refused(d, "继承的用例中有 " + at.size() + " 个「" + ref + "」，无法确定指哪一个",
                        at.size() + " inherited cases are named \"" + ref + "\": which one is meant is unclear");
            }
            int i = at.get(0);
            if (handled[i] != null) {
                throw refused(d, "「" + ref + "」已" + handled[i].substring(0, handled[i].indexOf(" / ")),
                        "\"" + ref + "\" is already " + handled[i].substring(handled[i].indexOf(" / ") + 3));
            }
            Raw r = inherited.get(i);
            if (d.kind.equals("drop")) {
                JsonNode because = entry.get("because");
                if (because == null || !because.isTextual() || because.asText().isBlank()) {
                    throw refused(d, "去掉继承的用例须写明原因 because: …", "dropping an inherited case needs a reason,"
                            + " because: …");
                }
                dropped.add(new Dropped(r.label() + " (from " + r.from + ")", because.asText().strip()));
                handled[i] = "在 " + d.where + " 去掉 / dropped at " + d.where;
                gone[i] = true;
            } else {
                inherited.set(i, adjust(r, entry.get("expect"), d, ref));
                handled[i] = "在 " + d.where + " 调整 / adjusted at " + d.where;
                adjusted++;
            }
        }
        List<Raw> cases = new ArrayList<>();
        for (int i = 0; i < inherited.size(); i++) {
            if (!gone[i]) {
                cases.add(inherited.get(i));
            }
        }
        cases.addAll(own);
        List<PackFiles> chain = new ArrayList<>(List.of(files));
        chain.addAll(base.chain);
        List<String> ids = new ArrayList<>(List.of(id));
        ids.addAll(base.ids);
        return new Level(id, cases, chain, ids, adjusted, replaced, dropped);
    }

    /** The inherited case with the adjustment's expectations merged in: each must change something. */
    private Raw adjust(Raw r, JsonNode change, Directive d, String ref) {
        if (change == null || !change.isObject() || change.isEmpty()) {
            throw refused(d, "adjust 须写 expect: { 改动的预期 }，否则什么也没改", "an adjustment needs expect: { the"
                    + " expectations it changes }, or it changes nothing");
        }
        JsonNode was = r.node.path("expect");
        List<String> same = new ArrayList<>();
        unchanged(change, was, "expect", same, d);
        if (!same.isEmpty()) {
            throw refused(d, "「" + ref + "」的 " + String.join("、", same) + " 已是这个值，这项调整什么也没改",
                    "\"" + ref + "\" already expects " + String.join(", ", same) + ": the adjustment changes nothing");
        }
        ObjectNode node = r.node.deepCopy();
        node.set("expect", merged(was, change));
        checkFields(node, d.where + "「" + ref + "」: ");
        return new Raw(r.file, r.index, r.name, node, r.base, r.from, true);
    }

    /** The paths where {@code change} writes what {@code was} already says. */
    private static void unchanged(JsonNode change, JsonNode was, String path, List<String> same, Directive d) {
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + "." + e.getKey();
            JsonNode before = was == null ? null : was.get(e.getKey());
            if (e.getValue().isNull()) {
                throw refused(d, at + " 写了 null：调整不能去掉预期，要少检查就写一个同名的新用例替换它",
                        at + " is null: an adjustment cannot take an expectation out; to check less, replace the"
                                + " case with one of the same name");
            }
            if (e.getValue().isObject() && before != null && before.isObject()) {
                if (e.getValue().isEmpty()) {
                    same.add(at + " {}");
                }
                unchanged(e.getValue(), before, at, same, d);
            } else if (before != null && AS_SETS.contains(at) && e.getValue().isArray() && before.isArray()) {
                // compared as sets when a case runs: another order or a repeat is the same expectation
                Set<String> now = texts(e.getValue());
                Set<String> then = texts(before);
                if (now.equals(then)) {
                    same.add(at + " = " + before);
                } else if (at.equals("expect.rejected") && !now.containsAll(then)) {
                    throw refused(d, at + " 少了继承的位置 " + missing(then, now) + "：调整不能去掉预期，要少检查就写一个同名的新用例替换它",
                            at + " leaves out the inherited " + missing(then, now) + ": an adjustment cannot take an"
                                    + " expectation out; to check less, replace the case with one of the same name");
                }
            } else if (before != null && e.getValue().equals(SAME, before)) {
                same.add(at + " = " + before);
            }
        }
    }

    /** The expectations a case compares as sets: the order and repeats of their items mean nothing. */
    private static final Set<String> AS_SETS = Set.of("expect.vetoes", "expect.rejected");

    private static Set<String> texts(JsonNode list) {
        Set<String> texts = new java.util.TreeSet<>();
        list.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static String missing(Set<String> then, Set<String> now) {
        Set<String> gone = new java.util.TreeSet<>(then);
        gone.removeAll(now);
        return gone.toString();
    }

    /** {@code over} laid over {@code under}: maps merged by key, every other value replaced. */
    private static JsonNode merged(JsonNode under, JsonNode over) {
        if (!(under instanceof ObjectNode u) || !(over instanceof ObjectNode)) {
            return over.deepCopy();
        }
        ObjectNode out = u.deepCopy();
        over.fields().forEachRemaining(e -> out.set(e.getKey(), merged(out.get(e.getKey()), e.getValue())));
        return out;
    }

    private static String key(String file, String name) {
        return file + "\u0000" + name;
    }

    private static IllegalArgumentException refused(Directive d, String zh, String en) {
        return new IllegalArgumentException(d.where + ": " + zh + " / " + en);
    }

    private static IllegalArgumentException tooMany() {
        return new IllegalArgumentException("tests/: 测试用例超过 " + MAX_CASES + " 个 / more than " + MAX_CASES
                + " test cases");
    }

    private void readFile(PackFiles files, String path, String id, boolean overlay, List<Raw> own,
                          List<Directive> directives) {
        String text = files.text(path).orElseThrow();
        JsonNode root = org.safecounty.internal.catalogue.CatalogueReader.readMapping(path, text);
        root.fieldNames().forEachRemaining(f -> {
            if (!FILE_FIELDS.contains(f)) {
                throw new IllegalArgumentException(path + ": 没有字段 " + f + "（可用：base、cases、adjust、drop）/ no field "
                        + f + " (allowed: base, cases, adjust, drop)");
            }
            if (!overlay && (f.equals("adjust") || f.equals("drop"))) {
                throw new IllegalArgumentException(path + ": " + f + " 只用于继承其他规则包（extends）的规则包 / " + f
                        + " is for a pack that extends another: this one inherits no case");
            }
        });
        String baseName = root.path("base").asText("base-county.json");
        JsonNode list = root.path("cases");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            throw new IllegalArgumentException(path + ": cases 应为列表，每项以 - name: 开头 / cases should be a list,"
                    + " each case starting with - name:");
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String where = path + " 用例 case " + (i + 1) + "「" + c.path("name").asText("") + "」: ";
            if (!c.isObject()) {
                throw new IllegalArgumentException(where + "每个用例应是 { name: …, expect: … } 形式的映射 / each case should"
                        + " be a mapping { name: …, expect: … }");
            }
            checkFields(c, where);
            String name = c.path("name").asText("case " + i);
            Integer first = names.putIfAbsent(name, i);
            if (first != null) {
                throw new IllegalArgumentException(where + "与 case " + (first + 1) + " 同名：每个用例名在文件中只能出现一次"
                        + "（重复的用例会被多计数，继承时也无法指明）；请改名或删去一个 / has the name of case " + (first + 1)
                        + ": a name is used once in a file (a repeated case counts twice and cannot be referred to);"
                        + " rename or remove one");
            }
            own.add(new Raw(path, i, name, c, baseName, id, false));
        }
        for (String kind : List.of("adjust", "drop")) {
            JsonNode entries = root.path(kind);
            if (!entries.isMissingNode() && !entries.isArray()) {
                throw new IllegalArgumentException(path + ": " + kind + " 应为列表 [ … ]，每项 { case: \"文件: 用例名\", … } / "
                        + kind + " should be a list [ … ] of { case: \"file: case name\", … }");
            }
            List<Integer> lines = entryLines(text, kind);
            for (int i = 0; i < entries.size(); i++) {
                String line = i < lines.size() ? ":" + lines.get(i) : "";
                directives.add(new Directive(kind, entries.get(i), path + line + " " + kind + " 第 " + (i + 1)
                        + " 项 entry " + (i + 1)));
            }
        }
    }

    /** The line of each entry of the top-level list {@code field}, for messages. */
    private List<Integer> entryLines(String text, String field) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser p = yaml.getFactory().createParser(text)) {
            int depth = 0;
            boolean inField = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && depth == 1) {
                    inField = field.equals(p.currentName());
                } else if (t.isStructStart()) {
                    if (depth == 2 && inField) {
                        lines.add(p.currentTokenLocation().getLineNr());
                    }
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (depth == 2 && inField) {
                    lines.add(p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return lines;
    }

    /** A case's submission, and whether it was built on the base county of a pack beneath the tested one. */
    private record Built(JsonNode submission, boolean baseBeneath) {
    }

    /** The case's submission: its own, or its base county (the nearest of the chain) with its changes. */
    private Built submission(Raw r, List<PackFiles> chain, Map<String, JsonNode> bases) {
        JsonNode c = r.node;
        if (c.has("submission")) {
            return new Built(c.get("submission").deepCopy(), false);
        }
        String dir = r.file.substring(0, r.file.lastIndexOf('/') + 1);
        String path = dir + r.base;
        for (int i = 0; i < chain.size(); i++) {
            Optional<String> text = chain.get(i).text(path);
            if (text.isPresent()) {
                JsonNode base = bases.computeIfAbsent(chain.get(i).origin() + "\u0000" + path, k -> {
                    JsonNode read = parse(json, text.get(), path);
                    if (read.path("evidence").size() > MAX_BASE_EVIDENCE) {
                        throw new IllegalArgumentException(path + ": 基准县证据超过 " + MAX_BASE_EVIDENCE
                                + " 条 / the base county has more than " + MAX_BASE_EVIDENCE + " evidence items");
                    }
                    return read;
                });
                return new Built(apply(base.deepCopy(), c), i > 0);
            }
        }
        throw new IllegalArgumentException(r.file + ": base file " + path + " not found");
    }

    private String packId(PackFiles files) {
        return files.text("pack.yaml").map(t -> {
            try {
                return yaml.readTree(t).path("id").asText("");
            } catch (JsonProcessingException e) {
                return "";
            }
        }).orElse("");
    }

    private JsonNode yamlOf(PackFiles files, String path) {
        return parse(yaml, files.text(path).orElse(""), path);
    }

    private void checkFields(JsonNode c, String where) {
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
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String m = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").strip();
            throw new IllegalArgumentException(path + (line > 0 ? ":" + line : "") + ": 格式错误：" + m + " / syntax"
                    + " error: " + m, e);
        }
    }
}
