package org.safecounty.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.safecounty.result.StandardRef;
import org.safecounty.validation.Problem;

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
 * takes an item out and is written with nothing but its id), other lists are replaced. Its {@code rules/*.drl} are added, or replace the
 * base's file of the same name; {@code extends.removeRules} takes base files out. Its
 * {@code tests/} inherit the base's cases, as the overlay adjusts them ({@code packtest.CaseReader}). A base may itself extend another; a cycle or a base that cannot be
 * found, or whose version or digest differs from the one named, is an error.
 */
public final class PackOverlay {

    /** The pack as it is assessed, and the packs it was laid over, nearest first. */
    public record Resolved(PackFiles files, List<StandardRef> bases) {
    }

    private static final String PACK = "pack.yaml";
    private static final String PARAMETERS = "parameters.yaml";
    private static final Set<String> EXTENDS_FIELDS = Set.of("id", "version", "sha256", "removeRules");
    private static final int MAX_DEPTH = 8;

    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // a quoted "2" stays text when the merged file is written, to be refused as in a full pack
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final Function<String, Optional<PackFiles>> locate;

    /** @param locate finds a base pack's files by its id (a folder beside the overlay, or a bundled pack) */
    public PackOverlay(Function<String, Optional<PackFiles>> locate) {
        this.locate = locate;
    }

    /** Whether the pack names a pack it extends. */
    public static boolean extendsAnother(PackFiles files) {
        return files.text(PACK).map(t -> t.lines().anyMatch(l -> l.startsWith("extends:"))).orElse(false);
    }

    /** The pack laid over its bases, or the problems that stop it. */
    public Resolved resolve(PackFiles overlay) {
        return resolve(overlay, new LinkedHashSet<>());
    }

    private Resolved resolve(PackFiles overlay, Set<String> seen) {
        if (!extendsAnother(overlay)) {
            return new Resolved(overlay, List.of());
        }
        ObjectNode pack = (ObjectNode) read(overlay, PACK);
        JsonNode ext = pack.get("extends");
        String id = pack.path("id").asText("");
        if (!seen.add(id) || seen.size() > MAX_DEPTH) {
            throw refused(overlay, "规则包的继承形成了循环：" + String.join(" → ", seen) + " → " + id,
                    "the packs extend each other in a circle: " + String.join(" → ", seen) + " → " + id);
        }
        checkExtends(overlay, ext);
        String baseId = ext.path("id").asText();
        PackFiles baseFiles = locate.apply(baseId).orElseThrow(() -> refused(overlay,
                "找不到所继承的规则包 " + baseId + "：请把它放在本规则包旁边的同名文件夹中，或使用内置规则包的编号",
                "the pack it extends, " + baseId + ", cannot be found: put it in a folder of that name beside"
                        + " this pack, or name a bundled pack"));
        Resolved base = resolve(baseFiles, seen);
        ObjectNode basePack = (ObjectNode) read(base.files(), PACK);
        String baseVersion = basePack.path("version").asText();
        if (ext.has("version") && !ext.get("version").asText().equals(baseVersion)) {
            throw refused(overlay, "所继承的 " + baseId + " 版本为 " + baseVersion + "，而不是 " + ext.get("version").asText(),
                    "the pack it extends, " + baseId + ", is version " + baseVersion + ", not " + ext.get("version").asText());
        }
        String baseDigest = baseFiles.sha256();
        if (ext.has("sha256") && !ext.get("sha256").asText().equalsIgnoreCase(baseDigest)) {
            throw refused(overlay, "所继承的 " + baseId + " 的摘要为 " + baseDigest + "，与 extends.sha256 不符",
                    "the pack it extends, " + baseId + ", has the digest " + baseDigest + ", not the one extends.sha256 names");
        }
        List<StandardRef> bases = new ArrayList<>();
        bases.add(new StandardRef(baseId, baseVersion, baseDigest));
        bases.addAll(base.bases());
        return new Resolved(laid(overlay, base.files(), pack, ext), List.copyOf(bases));
    }

    private void checkExtends(PackFiles overlay, JsonNode ext) {
        if (ext == null || !ext.isObject() || !ext.path("id").isTextual()) {
            throw refused(overlay, "extends 应写成 { id: 规则包编号, version: 版本 }",
                    "extends should read { id: pack id, version: its version }");
        }
        ext.fieldNames().forEachRemaining(f -> {
            if (!EXTENDS_FIELDS.contains(f)) {
                throw refused(overlay, "extends 中没有字段 " + f + "（可用：id、version、sha256、removeRules）",
                        "extends has no field " + f + " (allowed: id, version, sha256, removeRules)");
            }
        });
    }

    /** The overlay's files laid over the base's. */
    private PackFiles laid(PackFiles overlay, PackFiles base, ObjectNode pack, JsonNode ext) {
        Map<String, byte[]> files = new TreeMap<>();
        base.all().forEach((path, bytes) -> {
            if (!path.startsWith("tests/")) {
                files.put(path, bytes);
            }
        });
        for (JsonNode r : ext.path("removeRules")) {
            if (files.remove(PackFiles.RULES_DIR + r.asText()) == null) {
                throw refused(overlay, "extends.removeRules 中的 " + r.asText() + " 在基础包的 rules/ 中不存在，请检查文件名",
                        "extends.removeRules names " + r.asText() + ", which the base's rules/ does not have: check the file name");
            }
        }
        overlay.all().forEach((path, bytes) -> {
            if (!path.equals(PACK) && !path.equals(PARAMETERS) && !path.equals(PackManifest.FILE)) {
                files.put(path, bytes);
            }
        });
        checkRemovals(overlay, pack, "");
        ObjectNode ownPack = pack.deepCopy();
        ownPack.remove("extends");
        files.put(PACK, write(laidOver(overlay, PACK, read(base, PACK), ownPack)));
        if (overlay.all().containsKey(PARAMETERS)) {
            files.put(PARAMETERS, write(laidOver(overlay, PARAMETERS, read(base, PARAMETERS), read(overlay, PARAMETERS))));
        }
        return PackFiles.of(overlay.origin(), files);
    }

    private static JsonNode laidOver(PackFiles overlay, String file, JsonNode under, JsonNode over) {
        try {
            return merge(under, over);
        } catch (MergeProblem p) {
            throw new OverlayException(new Problem(file, "PACK_EXTENDS", p.zh, p.getMessage()), overlay.origin());
        }
    }

    /**
     * An item that {@code remove: true} takes out holds only {@code id} and {@code remove}: any
     * other field beside them would be read by no one, not even to say that it is unknown.
     */
    private static void checkRemovals(PackFiles overlay, JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = path + "[" + i + "]";
                if (item.isObject() && item.path("remove").asBoolean(false)) {
                    item.fieldNames().forEachRemaining(f -> {
                        if (!f.equals("id") && !f.equals("remove")) {
                            throw refused(overlay, at + " 写了 remove: true，不能再有字段 " + f + "（删除的条目只写 id 和 remove）",
                                    at + " has remove: true, so it cannot have the field " + f
                                            + " (a removed item holds only id and remove)");
                        }
                    });
                }
                checkRemovals(overlay, item, at);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> checkRemovals(overlay, e.getValue(),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        }
    }

    /** {@code over} laid over {@code under}: maps by key, lists of id'd items by id, other values replaced. */
    static JsonNode merge(JsonNode under, JsonNode over) {
        if (over == null) {
            return under;
        }
        if (under instanceof ObjectNode u && over instanceof ObjectNode o) {
            ObjectNode out = u.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    out.remove(e.getKey());
                } else {
                    out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
                }
            }
            return out;
        }
        if (under instanceof ArrayNode u && over instanceof ArrayNode o && identified(u) && identified(o)) {
            return mergeById(u, o);
        }
        return over.deepCopy();
    }

    /**
     * Items merged by id: a known id is merged (or taken out with {@code remove: true}), a new one
     * is added at the end, or before the item {@code before} names, which also moves a known one.
     */
    private static ArrayNode mergeById(ArrayNode under, ArrayNode over) {
        ArrayNode out = under.deepCopy();
        for (JsonNode item : over) {
            String id = item.get("id").asText();
            int at = indexOf(out, id);
            boolean remove = item.path("remove").asBoolean(false);
            if (remove) {
                if (at < 0) {
                    throw new MergeProblem("remove: true 指向的 " + id + " 在基础包中不存在，请检查编号",
                            "remove: true names " + id + ", which the base does not have: check the id");
                }
                out.remove(at);
                continue;
            }
            ObjectNode merged = (ObjectNode) (at >= 0 ? merge(out.get(at), item) : item.deepCopy());
            JsonNode before = merged.remove("before");
            if (at >= 0) {
                out.remove(at);
            }
            out.insert(position(out, id, at, before), merged);
        }
        return out;
    }

    /** Where an item goes: before the item {@code before} names, else where it was, else at the end. */
    private static int position(ArrayNode list, String id, int was, JsonNode before) {
        if (before == null || before.isNull()) {
            return was >= 0 ? was : list.size();
        }
        int at = indexOf(list, before.asText());
        if (at < 0) {
            throw new MergeProblem(id + " 的 before: " + before.asText() + " 不在列表中，请写列表中已有的编号",
                    id + "'s before: " + before.asText() + " is not in the list: name an id the list has");
        }
        return at;
    }

    /** An overlay item that cannot be laid over its base's list. */
    static final class MergeProblem extends RuntimeException {
        final String zh;

        MergeProblem(String zh, String en) {
            super(en);
            this.zh = zh;
        }
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

    private static int indexOf(ArrayNode list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (id.equals(list.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode read(PackFiles files, String path) {
        String text = files.text(path).orElseThrow(() -> refused(files, "缺少 " + path, path + " is missing"));
        try {
            JsonNode node = yaml.readTree(text);
            if (node == null || !node.isObject()) {
                throw refused(files, path + " 应是“名字: 值”的列表", path + " should be a map of names to values");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw refused(files, path + " 无法读取：" + e.getOriginalMessage(), path + " cannot be read: " + e.getOriginalMessage());
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return yaml.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a merged pack file could not be written", e);
        }
    }

    private static OverlayException refused(PackFiles files, String zh, String en) {
        return new OverlayException(new Problem(PACK, "PACK_EXTENDS", zh, en), files.origin());
    }

    /** A pack that cannot be laid over its base. */
    public static final class OverlayException extends RuntimeException {
        private final transient Problem problem;
        private final String origin;

        OverlayException(Problem problem, String origin) {
            super(problem.en());
            this.problem = problem;
            this.origin = origin;
        }

        public Problem problem() {
            return problem;
        }

        public String origin() {
            return origin;
        }
    }
}
