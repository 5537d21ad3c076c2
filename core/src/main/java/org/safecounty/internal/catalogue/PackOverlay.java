package org.safecounty.internal.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.internal.pack.SourcedYaml;
import org.safecounty.result.Problem;
import org.safecounty.result.StandardRef;

/**
 * A revision of a standard as a pack that names the pack it extends and holds only what it
 * changes, the way a reform of the law names the law it amends:
 *
 * <pre>
 * extends: { id: hebei-fds-county-2014, version: 2014.1.0 }   # or sha256: …
 * </pre>
 *
 * <p>Its {@code pack.yaml} and {@code parameters.yaml} are laid over the base's: maps are merged key
 * by key ({@code null} removes a key), lists of items with an {@code id} (tasks, indicators, bonus
 * items, vetoes) are merged by id (a new id is added at the end of its list, {@code remove: true}
 * takes an item out), other lists are replaced. Its {@code rules/*.drl} are added, or replace the
 * base's file of the same name; {@code extends.removeRules} takes base files out. Its
 * {@code tests/} are its own. A base may itself extend another; a cycle or a base that cannot be
 * found, or whose version or digest differs from the one named, is an error.
 *
 * <p>Every file is read as {@link CatalogueReader} reads a pack's own (same limits, same checks of
 * syntax and numbers), and the laid-together {@code pack.yaml} and {@code parameters.yaml} keep,
 * for each place, the file and line it came from: a problem found in them names the overlay's own
 * file ({@code parameters.yaml:12}) or the base's, by its id ({@code hebei-fds-county-2014/parameters.yaml:41}),
 * never a line of the merged text no one wrote. So do problems in a base's rule files
 * ({@link Resolved#named}).
 */
public final class PackOverlay {

    /**
     * The pack as it is assessed, and the packs it was laid over, nearest first.
     *
     * @param documents the laid-together {@code pack.yaml} and {@code parameters.yaml} with the
     *                  source of each place (for {@link CatalogueReader}); empty for a pack that extends none
     * @param fileNames each file of {@code files} that came from a base, by the name its author sees
     *                  ({@code hebei-fds-county-2014/rules/t1-organisation.drl})
     */
    public record Resolved(PackFiles files, List<StandardRef> bases, Map<String, SourcedYaml> documents,
                           Map<String, String> fileNames) {

        public Resolved {
            bases = List.copyOf(bases);
            documents = Map.copyOf(documents);
            fileNames = Map.copyOf(fileNames);
        }

        /** The problem with its file named as its author sees it: a base's file by the base's id. */
        public Problem named(Problem p) {
            String path = p.path();
            int colon = path.indexOf(':');
            String file = colon < 0 ? path : path.substring(0, colon);
            String name = fileNames.get(file);
            return name == null ? p : new Problem(name + path.substring(file.length()), p.code(), p.zh(), p.en());
        }

        public List<Problem> named(List<Problem> problems) {
            return problems.stream().map(this::named).toList();
        }
    }

    private static final String PACK = CatalogueReader.CATALOGUE;
    private static final String PARAMETERS = CatalogueReader.PARAMETERS;
    private static final Set<String> EXTENDS_FIELDS = Set.of("id", "version", "sha256", "removeRules");
    private static final int MAX_DEPTH = 8;

    private final ObjectMapper yaml = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a quoted "2" stays text when the merged file is written, to be refused as in a full pack
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    /** A pack id that can name a folder or a class-path place: no separator, no parent. */
    private static final String PACK_ID = "[A-Za-z0-9._-]+";

    private final Function<String, Optional<PackFiles>> locate;

    /** @param locate finds a base pack's files by its id (a folder beside the overlay, or a bundled pack) */
    public PackOverlay(Function<String, Optional<PackFiles>> locate) {
        this.locate = locate;
    }

    /**
     * Where a pack read from {@code files} finds the packs it extends: a folder of the base's id
     * beside the pack's folder (when it was read from one), else a pack bundled on the class path.
     * Loading a pack and reading its test cases find bases this one way. A base that is there but
     * cannot be read throws an {@link OverlayException} naming it.
     */
    public static Function<String, Optional<PackFiles>> besideOrBundled(PackFiles files) {
        return id -> besideOrBundled(files, id);
    }

    private static Optional<PackFiles> besideOrBundled(PackFiles files, String id) {
        Path dir;
        try {
            dir = Path.of(files.origin());
        } catch (InvalidPathException e) {
            return bundled(id);
        }
        if (!dir.isAbsolute() || !Files.isDirectory(dir)) {
            return bundled(id);
        }
        Path parent = dir.normalize().getParent();
        if (parent != null && id.matches(PACK_ID) && Files.isDirectory(parent.resolve(id))) {
            try {
                return Optional.of(PackFiles.fromDirectory(parent.resolve(id)));
            } catch (IOException e) {
                throw new OverlayException(List.of(PackFiles.problem(id, e)));
            }
        }
        return bundled(id);
    }

    private static Optional<PackFiles> bundled(String id) {
        if (!id.matches(PACK_ID)) {
            return Optional.empty();
        }
        try {
            return PackFiles.fromClasspath(id, PackOverlay.class.getClassLoader());
        } catch (IOException e) {
            throw new OverlayException(List.of(PackFiles.problem(id, e)));
        }
    }

    /** Whether the pack names a pack it extends. */
    public static boolean extendsAnother(PackFiles files) {
        return files.text(PACK).map(t -> t.lines().anyMatch(l -> l.startsWith("extends:"))).orElse(false);
    }

    /** The pack laid over its bases, or the problems that stop it. */
    public Resolved resolve(PackFiles overlay) {
        if (!extendsAnother(overlay)) {
            return new Resolved(overlay, List.of(), Map.of(), Map.of());
        }
        return resolve(overlay, "", new LinkedHashSet<>());
    }

    /** {@code files} laid over its bases; {@code prefix} names its files ("" for the pack loaded, "id/" for a base). */
    private Resolved resolve(PackFiles files, String prefix, Set<String> seen) {
        Map<String, SourcedYaml> own = read(files, prefix);
        if (!extendsAnother(files)) {
            Map<String, String> names = new TreeMap<>();
            files.all().keySet().forEach(path -> names.put(path, prefix + path));
            return new Resolved(files, List.of(), own, names);
        }
        SourcedYaml packYaml = own.get(PACK);
        ObjectNode pack = (ObjectNode) packYaml.root();
        JsonNode ext = pack.get("extends");
        String at = place(packYaml, prefix, "/extends");
        String id = pack.path("id").asText("");
        if (!seen.add(id) || seen.size() > MAX_DEPTH) {
            throw refused(at, "规则包的继承形成了循环：" + String.join(" → ", seen) + " → " + id,
                    "the packs extend each other in a circle: " + String.join(" → ", seen) + " → " + id);
        }
        checkExtends(at, ext);
        String baseId = ext.path("id").asText();
        PackFiles baseFiles = locate.apply(baseId).orElseThrow(() -> refused(at,
                "找不到所继承的规则包 " + baseId + "：请把它放在本规则包旁边的同名文件夹中，或使用内置规则包的编号",
                "the pack it extends, " + baseId + ", cannot be found: put it in a folder of that name beside"
                        + " this pack, or name a bundled pack"));
        Resolved base = resolve(baseFiles, baseId + "/", seen);
        SourcedYaml basePack = base.documents().get(PACK);
        String baseVersion = basePack == null ? "" : basePack.root().path("version").asText();
        if (ext.has("version") && !ext.get("version").asText().equals(baseVersion)) {
            throw refused(at, "所继承的 " + baseId + " 版本为 " + baseVersion + "，而不是 " + ext.get("version").asText(),
                    "the pack it extends, " + baseId + ", is version " + baseVersion + ", not " + ext.get("version").asText());
        }
        String baseDigest = baseFiles.sha256();
        if (ext.has("sha256") && !ext.get("sha256").asText().equalsIgnoreCase(baseDigest)) {
            throw refused(at, "所继承的 " + baseId + " 的摘要为 " + baseDigest + "，与 extends.sha256 不符",
                    "the pack it extends, " + baseId + ", has the digest " + baseDigest + ", not the one extends.sha256 names");
        }
        List<StandardRef> bases = new ArrayList<>();
        bases.add(new StandardRef(baseId, baseVersion, baseDigest, basePack == null ? "" : basePack.root().path("zh").asText(""),
                basePack == null ? "" : basePack.root().path("en").asText(""), List.of()));
        bases.addAll(base.bases());
        return laid(files, prefix, own, base, ext, bases);
    }

    /** The pack's own {@code pack.yaml} and {@code parameters.yaml}, read; every problem of both at once. */
    private static Map<String, SourcedYaml> read(PackFiles files, String prefix) {
        CatalogueReader reader = new CatalogueReader();
        Map<String, SourcedYaml> read = new HashMap<>();
        for (String name : List.of(PACK, PARAMETERS)) {
            byte[] bytes = files.all().get(name);
            if (bytes == null && name.equals(PACK)) {
                throw new OverlayException(List.of(new Problem(prefix + PACK, "PACK_FILE_MISSING",
                        "规则包缺少文件 " + PACK, "the pack has no " + PACK)));
            }
            SourcedYaml yaml = bytes == null ? null : reader.sourced(prefix + name, bytes);
            if (yaml != null) {
                read.put(name, yaml);
            }
        }
        if (!reader.problems().isEmpty()) {
            throw new OverlayException(reader.problems());
        }
        return read;
    }

    private static void checkExtends(String at, JsonNode ext) {
        if (ext == null || !ext.isObject() || !ext.path("id").isTextual()) {
            throw refused(at, "extends 应写成 { id: 规则包编号, version: 版本 }",
                    "extends should read { id: pack id, version: its version }");
        }
        ext.fieldNames().forEachRemaining(f -> {
            if (!EXTENDS_FIELDS.contains(f)) {
                throw refused(at, "extends 中没有字段 " + f + "（可用：id、version、sha256、removeRules）",
                        "extends has no field " + f + " (allowed: id, version, sha256, removeRules)");
            }
        });
    }

    /** The overlay's files laid over the base's. */
    private Resolved laid(PackFiles overlay, String prefix, Map<String, SourcedYaml> own, Resolved base, JsonNode ext,
                          List<StandardRef> bases) {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        base.files().all().forEach((path, bytes) -> {
            if (!path.startsWith("tests/")) {
                files.put(path, bytes);
                names.put(path, base.fileNames().getOrDefault(path, path));
            }
        });
        for (JsonNode r : ext.path("removeRules")) {
            if (files.remove(PackFiles.RULES_DIR + r.asText()) == null) {
                throw refused(place(own.get(PACK), prefix, "/extends/removeRules"),
                        "extends.removeRules 中的 " + r.asText() + " 在基础包的 rules/ 中不存在；请检查文件名",
                        "extends.removeRules names " + r.asText() + ", which the base's rules/ does not have; check the file name");
            }
            names.remove(PackFiles.RULES_DIR + r.asText());
        }
        overlay.all().forEach((path, bytes) -> {
            if (!path.equals(PACK) && !path.equals(PARAMETERS) && !path.equals(PackManifest.FILE)) {
                files.put(path, bytes);
                names.put(path, prefix + path);
            }
        });
        // the two laid-together files name the file of each place themselves
        names.keySet().removeAll(List.of(PACK, PARAMETERS));
        Map<String, SourcedYaml> documents = new HashMap<>();
        for (String name : List.of(PACK, PARAMETERS)) {
            SourcedYaml under = base.documents().get(name);
            SourcedYaml over = own.get(name);
            if (over != null && name.equals(PACK)) {
                ObjectNode withoutExtends = ((ObjectNode) over.root()).deepCopy();
                withoutExtends.remove("extends");
                over = new SourcedYaml(withoutExtends, over.places(), over.numbers());
            }
            if (under != null && over != null) {
                SourcedYaml laid = new Laying(under, over).laid();
                documents.put(name, laid);
                files.put(name, write(laid.root()));
            } else if (under != null || over != null) {
                // one pack has the file: as it was written
                documents.put(name, under != null ? under : over);
                files.put(name, under != null ? base.files().all().get(name) : overlay.all().get(name));
            }
        }
        return new Resolved(PackFiles.of(overlay.origin(), files), bases, documents, names);
    }

    /**
     * One file laid over another: maps by key ({@code null} removes one), lists of id'd items by id,
     * other values replaced. Keeps where each place of the result came from: a value the overlay
     * writes is the overlay's, one it leaves alone the base's; a map or list item both write is
     * placed where the overlay writes it.
     */
    private static final class Laying {
        private final SourcedYaml under;
        private final SourcedYaml over;
        private final Map<String, String> places = new HashMap<>();
        private final Map<String, String> numbers = new HashMap<>();

        Laying(SourcedYaml under, SourcedYaml over) {
            this.under = under;
            this.over = over;
        }

        SourcedYaml laid() {
            return new SourcedYaml(merge(under.root(), "", over.root(), "", ""), places, numbers);
        }

        private JsonNode merge(JsonNode u, String uKey, JsonNode o, String oKey, String key) {
            if (u instanceof ObjectNode uo && o instanceof ObjectNode oo) {
                source(over, oKey, key);
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                uo.fields().forEachRemaining(e -> {
                    JsonNode replaced = oo.get(e.getKey());
                    String field = child(e.getKey());
                    if (replaced == null) {
                        out.set(e.getKey(), copy(under, e.getValue(), uKey + field, key + field));
                    } else if (!replaced.isNull()) {
                        out.set(e.getKey(), merge(e.getValue(), uKey + field, replaced, oKey + field, key + field));
                    }
                });
                for (Iterator<Map.Entry<String, JsonNode>> it = oo.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!uo.has(e.getKey()) && !e.getValue().isNull()) {
                        String field = child(e.getKey());
                        out.set(e.getKey(), copy(over, e.getValue(), oKey + field, key + field));
                    }
                }
                return out;
            }
            if (u instanceof ArrayNode ua && o instanceof ArrayNode oa && identified(ua) && identified(oa)) {
                return mergeById(ua, uKey, oa, oKey, key);
            }
            return copy(over, o, oKey, key);
        }

        private JsonNode mergeById(ArrayNode u, String uKey, ArrayNode o, String oKey, String key) {
            source(over, oKey, key);
            // each item of the result: the base's item (and its index there) and the overlay's, either may be absent
            List<Integer> fromUnder = new ArrayList<>();
            List<Integer> fromOver = new ArrayList<>();
            for (int i = 0; i < u.size(); i++) {
                fromUnder.add(i);
                fromOver.add(null);
            }
            Set<String> ids = new java.util.HashSet<>();
            for (int j = 0; j < o.size(); j++) {
                JsonNode item = o.get(j);
                String id = item.get("id").asText();
                if (!ids.add(id)) {
                    String at = over.place(oKey + "/" + j);
                    throw new OverlayException(List.of(new Problem(at == null ? PACK : at, "PACK_EXTENDS",
                            "编号 " + id + " 在同一列表中写了两次；请合并为一项",
                            "the id " + id + " is written twice in one list; merge the two")));
                }
                int at = indexOf(u, fromUnder, id);
                boolean remove = item.path("remove").asBoolean(false);
                if (remove) {
                    checkRemoval(item, id, at, oKey + "/" + j);
                    fromUnder.remove(at);
                    fromOver.remove(at);
                } else if (at >= 0) {
                    fromOver.set(at, j);
                } else if (!remove) {
                    fromUnder.add(null);
                    fromOver.add(j);
                }
            }
            placeBefore(o, oKey, fromUnder, fromOver, u);
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int k = 0; k < fromUnder.size(); k++) {
                Integer i = fromUnder.get(k);
                Integer j = fromOver.get(k);
                String itemKey = key + "/" + k;
                if (j == null) {
                    out.add(copy(under, u.get(i), uKey + "/" + i, itemKey));
                } else if (i == null) {
                    out.add(copy(over, o.get(j), oKey + "/" + j, itemKey));
                } else {
                    out.add(merge(u.get(i), uKey + "/" + i, o.get(j), oKey + "/" + j, itemKey));
                }
            }
            out.forEach(item -> ((ObjectNode) item).remove("before"));
            return out;
        }

        /** An item {@code remove: true} takes out exists in the base and holds nothing but its id. */
        private void checkRemoval(JsonNode item, String id, int at, String itemKey) {
            String place = placeOf(itemKey);
            if (at < 0) {
                throw refused(place, "remove: true 指向的 " + id + " 在基础包的列表中不存在；请检查编号",
                        "remove: true names " + id + ", which the base's list does not have; check the id");
            }
            item.fieldNames().forEachRemaining(f -> {
                if (!f.equals("id") && !f.equals("remove")) {
                    throw refused(place, id + " 写了 remove: true，不能再有字段 " + f + "（删除的条目只写 id 和 remove）",
                            id + " has remove: true, so it cannot have the field " + f + " (a removed item holds only id"
                                    + " and remove)");
                }
            });
        }

        /** Moves each item written with {@code before: <id>} to just before that item. */
        private void placeBefore(ArrayNode o, String oKey, List<Integer> fromUnder, List<Integer> fromOver, ArrayNode u) {
            for (int j = 0; j < o.size(); j++) {
                JsonNode before = o.get(j).get("before");
                if (before == null || before.isNull()) {
                    continue;
                }
                int from = fromOver.indexOf(j);
                Integer underIndex = fromUnder.remove(from);
                fromOver.remove(from);
                int to = indexOf(u, o, fromUnder, fromOver, before.asText());
                if (to < 0) {
                    throw refused(placeOf(oKey + "/" + j + "/before"), o.get(j).path("id").asText() + " 的 before: "
                                    + before.asText() + " 不在列表中；请写列表中已有的编号",
                            o.get(j).path("id").asText() + "'s before: " + before.asText() + " is not in the list; name an id"
                                    + " the list has");
                }
                fromUnder.add(to, underIndex);
                fromOver.add(to, j);
            }
        }

        private String placeOf(String overKey) {
            String place = over.place(overKey);
            return place == null ? PACK : place;
        }

        /** Where the item with {@code id} now is, looking at the overlay's items too. */
        private static int indexOf(ArrayNode u, ArrayNode o, List<Integer> fromUnder, List<Integer> fromOver, String id) {
            for (int k = 0; k < fromUnder.size(); k++) {
                JsonNode item = fromUnder.get(k) != null ? u.get(fromUnder.get(k)) : o.get(fromOver.get(k));
                if (id.equals(item.path("id").asText())) {
                    return k;
                }
            }
            return -1;
        }

        /** A copy of {@code node}, a place of {@code from}, with the source of each of its places. */
        private JsonNode copy(SourcedYaml from, JsonNode node, String fromKey, String key) {
            source(from, fromKey, key);
            String number = from.numbers().get(fromKey);
            if (number != null) {
                numbers.put(key, number);
            }
            if (node.isObject()) {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                node.fields().forEachRemaining(e -> out.set(e.getKey(),
                        copy(from, e.getValue(), fromKey + child(e.getKey()), key + child(e.getKey()))));
                return out;
            }
            if (node.isArray()) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                for (int i = 0; i < node.size(); i++) {
                    out.add(copy(from, node.get(i), fromKey + "/" + i, key + "/" + i));
                }
                return out;
            }
            return node.deepCopy();
        }

        private void source(SourcedYaml from, String fromKey, String key) {
            String place = from.places().get(fromKey);
            if (place != null && !key.isEmpty()) {
                places.put(key, place);
            }
        }

        private static int indexOf(ArrayNode list, List<Integer> indices, String id) {
            for (int k = 0; k < indices.size(); k++) {
                Integer i = indices.get(k);
                if (i != null && id.equals(list.get(i).path("id").asText())) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** A step of a JSON pointer: {@code /name}, with {@code ~} and {@code /} escaped. */
    private static String child(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static boolean identified(ArrayNode list) {
        if (list.isEmpty()) {
            return false;
        }
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("id").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private byte[] write(JsonNode node) {
        try {
            return yaml.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merged pack file could not be written", e);
        }
    }

    private static String place(SourcedYaml yaml, String prefix, String pointer) {
        String place = yaml.place(pointer);
        return place == null ? prefix + PACK : place;
    }

    private static OverlayException refused(String at, String zh, String en) {
        return new OverlayException(List.of(new Problem(at, "PACK_EXTENDS", zh, en)));
    }

    /** A pack that cannot be laid over its base. */
    public static final class OverlayException extends RuntimeException {
        private final transient List<Problem> problems;

        OverlayException(List<Problem> problems) {
            super(problems.get(0).en());
            this.problems = List.copyOf(problems);
        }

        /** Every problem, each with its file and line. */
        public List<Problem> problems() {
            return problems;
        }
    }
}
