package org.safecounty.cli.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.facts.Band;
import org.safecounty.facts.Parameter;
import org.safecounty.internal.catalogue.PackOverlay;
import org.safecounty.internal.compare.Comparison;
import org.safecounty.internal.compare.PackComparison;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.pack.PackManifest;
import org.safecounty.internal.authoring.PackSuite;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.CaseResult;
import org.safecounty.internal.packtest.PackCase;
import org.safecounty.internal.packtest.PackTestRunner;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * The policy workbench's state: a pack in force, a data set of submissions, and a revision draft
 * (changed parameters, inherited test cases dropped with a reason) laid over the pack as an overlay.
 * Each change of the draft loads the overlay reusing the pack's rule base (parameters only, so no
 * compiling) and re-assesses the data set; saving writes the overlay into the workspace only when
 * it loads cleanly and its tests, inherited ones included, all pass.
 */
public final class Workbench {

    /** A name a saved draft may take: a folder name and a pack id, nothing that leaves the workspace. */
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final RulePack base;
    private final PackFiles baseOwn;
    private final Function<String, Optional<PackFiles>> locator;
    private final Map<String, String> data;
    private final Path workspace;
    private final PackPolicy policy;
    private final JsonMapper json = JsonMapper.builder().build();

    private Draft draft = Draft.EMPTY;
    private RulePack draftPack;
    private List<Problem> draftProblems = List.of();

    /**
     * @param base    the pack in force
     * @param baseOwn the pack's own files (for a revision, without its bases): what the draft extends
     * @param data    submissions, file name → JSON text, in the order to show them
     */
    public Workbench(RulePack base, PackFiles baseOwn, Map<String, String> data, Path workspace, PackPolicy policy) {
        this.base = base;
        this.baseOwn = baseOwn;
        this.locator = id -> id.equals(base.id()) ? Optional.of(baseOwn) : PackOverlay.besideOrBundled(baseOwn).apply(id);
        this.data = new LinkedHashMap<>(data);
        this.workspace = workspace;
        this.policy = policy;
        this.draftPack = base;
    }

    /** The submissions of a folder: every {@code *.json} in it, in name order. */
    public static Map<String, String> readData(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public RulePack base() {
        return base;
    }

    public Path workspace() {
        return workspace;
    }

    public Map<String, String> data() {
        return data;
    }

    public synchronized Draft draft() {
        return draft;
    }

    /** The draft's pack, or the base while the draft changes nothing or does not load. */
    public synchronized RulePack draftPack() {
        return draftPack;
    }

    /** Why the draft does not load (file, line, in both languages); empty when it does. */
    public synchronized List<Problem> draftProblems() {
        return draftProblems;
    }

    /**
     * Takes a new draft: loads it as an overlay on the base (reusing the base's rule base) and keeps
     * it when it loads; when it does not, keeps the problems and assesses under the base.
     */
    public synchronized List<Problem> setDraft(Draft next) {
        draft = next;
        if (next.isEmpty()) {
            draftPack = base;
            draftProblems = List.of();
            return draftProblems;
        }
        try {
            PackFiles files = PackFiles.of("workbench:draft", overlay(next, base.id() + "-draft"));
            // a draft cannot be approved before it exists: it is previewed without the approval check, on the
            // rule base of the pack in force (which the policy let load); a saved draft is approved as any pack
            draftPack = RulePack.load(files, PackPolicy.any(), locator, base);
            draftProblems = List.of();
        } catch (RulePackException e) {
            draftPack = base;
            draftProblems = e.problems();
        }
        return draftProblems;
    }

    /** The scoring sheet of the draft (of the pack in force while the draft changes nothing or does not load). */
    public StandardDocument.ScoringSheet document() {
        Draft d;
        RulePack pack;
        synchronized (this) {
            d = draft;
            pack = draftPack;
        }
        if (pack == base) {
            return StandardDocument.of(base, baseOwn, PackOverlay.besideOrBundled(baseOwn), java.util.Set.of());
        }
        return StandardDocument.of(pack, PackFiles.of("workbench:draft", overlay(d, base.id() + "-draft")), locator,
                d.changes().keySet());
    }

    /** What the draft changes over the data set: {@link PackComparison} of the base and the draft. */
    public Comparison compare() {
        RulePack to = draftPack();
        return new PackComparison(base, to).compare(data);
    }

    /** Every submission's result under a pack (rejected ones left out), file → result. */
    public Map<String, AssessmentResult> results(RulePack pack) {
        Assessor assessor = Assessor.ofRevision(pack);
        Map<String, AssessmentResult> out = new LinkedHashMap<>();
        data.forEach((file, text) -> {
            if (assessor.assess(text) instanceof Outcome.Assessed a) {
                out.put(file, a.result());
            }
        });
        return out;
    }

    /** One submission's outcome under a pack. */
    public Optional<Outcome> outcome(String file, RulePack pack) {
        String text = data.get(file);
        return text == null ? Optional.empty() : Optional.of(Assessor.ofRevision(pack).assess(text));
    }

    /** The draft's tests: its inherited cases (less those dropped) run against it. */
    public record TestRun(int passed, List<CaseResult> failed, List<CaseReader.Dropped> dropped, List<Problem> problems) {

        public boolean ok() {
            return problems.isEmpty() && failed.isEmpty();
        }
    }

    /** Validates the draft (it loads, no warning) and runs its tests, inherited ones included. */
    public TestRun test() {
        Draft d;
        RulePack pack;
        List<Problem> problems;
        synchronized (this) {
            d = draft;
            pack = draftPack;
            problems = draftProblems;
        }
        if (!problems.isEmpty()) {
            return new TestRun(0, List.of(), List.of(), problems);
        }
        if (d.isEmpty()) {
            return new TestRun(0, List.of(), List.of(), List.of(new Problem("draft", "EMPTY_DRAFT",
                    "草案没有任何改动", "the draft changes nothing")));
        }
        PackFiles files = PackFiles.of("workbench:draft", overlay(d, base.id() + "-draft"));
        CaseReader.Cases cases;
        try {
            cases = PackSuite.reader(pack).readAll(files, locator);
        } catch (IllegalArgumentException e) {
            return new TestRun(0, List.of(), List.of(), List.of(new Problem("tests", "TESTS_UNREADABLE",
                    e.getMessage(), e.getMessage())));
        }
        PackTestRunner runner = PackSuite.runner(pack);
        List<CaseResult> results = cases.cases().parallelStream().map(runner::run).toList();
        List<CaseResult> failed = results.stream().filter(r -> !r.passed()).toList();
        List<Problem> warnings = new ArrayList<>(pack.warnings());
        warnings.addAll(droppedButPassing(d, pack, runner));
        return new TestRun(results.size() - failed.size(), failed, cases.dropped(), warnings);
    }

    /**
     * A problem for each dropped case that passes under the draft: only a case the draft makes fail
     * may be dropped, or "its tests pass" could be had by dropping cases through the API.
     */
    private List<Problem> droppedButPassing(Draft d, RulePack pack, PackTestRunner runner) {
        if (d.drops().isEmpty()) {
            return List.of();
        }
        PackFiles undropped = PackFiles.of("workbench:draft", overlay(new Draft(d.changes(), Map.of()), base.id() + "-draft"));
        List<Problem> problems = new ArrayList<>();
        for (PackCase c : PackSuite.reader(pack).readAll(undropped, locator).cases()) {
            String ref = c.file().replaceFirst("^tests/", "") + ": " + c.name();
            if (d.drops().containsKey(ref) && runner.run(c).passed()) {
                problems.add(new Problem("drops", "DROPS_A_PASSING_CASE", "去掉的用例在草案下仍通过，不能去掉：" + ref,
                        "a dropped case still passes under the draft, so it may not be dropped: " + ref));
            }
        }
        return problems;
    }

    /** Where a draft saved under {@code name} goes, or empty for a name that is not a plain folder name. */
    Optional<Path> target(String name) {
        // not the id of a pack the workbench can find (the base, its bases, a bundled pack, a pack
        // beside the draft): a saved draft must never pass for another standard
        if (name == null || !name.matches(NAME) || name.equals(base.id()) || locator.apply(name).isPresent()) {
            return Optional.empty();
        }
        Path t = workspace.resolve(name).normalize();
        return t.getParent().equals(workspace) ? Optional.of(t) : Optional.empty();
    }

    /** What saving did: the folder written and, if asked, the manifest digest to approve. */
    public record Saved(Path dir, String digest) {
    }

    /** Why a draft was not saved. */
    public static final class Refused extends Exception {
        private final transient List<Problem> problems;

        Refused(List<Problem> problems) {
            super(problems.toString());
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * Writes the draft as an overlay folder {@code workspace/name} (pack.yaml, parameters.yaml, tests/
     * with the drops), with a manifest when {@code sign}, only if the draft validates and its tests pass.
     */
    public synchronized Saved save(String name, boolean sign) throws Refused, IOException {
        Path target = target(name).orElseThrow(() -> new Refused(List.of(new Problem("name", "BAD_NAME",
                "名称只能用字母、数字、点、横线、下划线，不能含路径分隔符或 ..，且不能与所继承的或其他规则包同名",
                "a name is letters, digits, '.', '-', '_' only: no separator, no '..', not the id of the base or of another pack"))));
        Path real = workspace.toRealPath();
        Files.createDirectories(real);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // never replaced: the workspace may hold packs, earlier drafts or a person's own files
            throw new Refused(List.of(new Problem("name", "NAME_TAKEN", "工作区中已有同名的文件或文件夹，请换一个名称：" + name,
                    "the workspace already has a file or folder of that name; choose another name: " + name)));
        }
        TestRun run = test();
        if (!run.ok()) {
            List<Problem> why = new ArrayList<>(run.problems());
            run.failed().forEach(f -> why.add(new Problem("tests", "TEST_FAILED", "用例未通过：" + f.testCase().label(),
                    "a case fails: " + f.testCase().label())));
            throw new Refused(why);
        }
        Map<String, byte[]> files = overlay(draft(), name);
        if (sign) {
            PackFiles unsigned = PackFiles.of(target.toString(), files);
            files = new LinkedHashMap<>(files);
            files.put(PackManifest.FILE, PackManifest.write(unsigned).getBytes(StandardCharsets.UTF_8));
        }
        Path staging = Files.createTempDirectory(real, ".saving-");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = staging.resolve(f.getKey()).normalize();
            if (!p.startsWith(staging)) {
                throw new IllegalStateException("a file of the overlay leaves its folder: " + f.getKey());
            }
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        // checked above; a folder made under the same name meanwhile is replaced only if empty (rename(2))
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        String digest = sign ? PackManifest.digest(PackFiles.fromDirectory(target)) : null;
        return new Saved(target, digest);
    }

    /** The overlay's files: pack.yaml, parameters.yaml with only what changes, tests/ with the drops. */
    Map<String, byte[]> overlay(Draft d, String id) {
        Map<String, byte[]> files = new TreeMap<>();
        StringBuilder pack = new StringBuilder();
        pack.append("# 修订草案，由 safecounty workbench 写出：只写改动，其余照所继承的规则包。\n")
                .append("# A revision draft written by safecounty workbench: only what changes, all else as the pack it extends.\n")
                .append("id: ").append(quote(id)).append('\n')
                .append("version: ").append(base.version()).append("-draft.1\n")
                .append("zh: ").append(quote(base.catalogue().zh() + "（修订草案 " + id + "）")).append('\n')
                .append("en: ").append(quote(base.catalogue().en() + " (revision draft " + id + ")")).append('\n')
                .append("extends: { id: ").append(quote(base.id())).append(", version: ").append(quote(base.version()))
                .append(" }\n");
        files.put("pack.yaml", pack.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder params = new StringBuilder("# 只列出改动的参数，其余照所继承的规则包。/ Only the parameters that change.\n");
        d.changes().forEach((name, change) -> {
            Parameter was = base.parameters().all().get(name);
            params.append('\n').append(name).append(":\n");
            if (was != null) {
                params.append("  # 原为 was: ").append(describe(was)).append('\n');
            }
            if (change.value() != null) {
                params.append("  value: ").append(change.value().toPlainString()).append('\n');
            } else {
                params.append("  bands:\n");
                change.bands().forEach(b -> params.append("    - { atLeast: ").append(b.atLeast().toPlainString())
                        .append(", points: ").append(b.points().toPlainString()).append(" }\n"));
            }
        });
        files.put("parameters.yaml", params.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, StringBuilder> tests = new TreeMap<>();
        d.drops().forEach((ref, because) -> {
            String file = ref.substring(0, ref.indexOf(':'));
            tests.computeIfAbsent(file, f -> new StringBuilder(
                    "# 草案去掉的继承用例及原因 / inherited cases the draft drops, with why\ndrop:\n"))
                    .append("  - case: ").append(quote(ref)).append('\n')
                    .append("    because: ").append(quote(because)).append('\n');
        });
        tests.forEach((file, text) -> files.put("tests/" + file, text.toString().getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    static String describe(Parameter p) {
        if (p.number() != null) {
            return p.number().toPlainString();
        }
        if (p.bands() != null) {
            return bands(p.bands());
        }
        return String.valueOf(p.texts());
    }

    /** Bands as one line: {@code ≥ 85 → 5, ≥ 80 → 4}. */
    static String bands(List<Band> bands) {
        return String.join(", ", bands.stream().map(b -> "≥ " + b.atLeast().toPlainString() + " → "
                + b.points().toPlainString()).toList());
    }

    /** A YAML double-quoted scalar (JSON's string syntax is YAML's). */
    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One parameter's new figure: a number, or bands highest first. */
    public record Change(BigDecimal value, List<Band> bands) {

        public Change {
            bands = bands == null ? null : List.copyOf(bands);
        }

        /** The figure as one line: {@code 75}, or {@code ≥ 85 → 5, ≥ 80 → 4}. */
        public String describe() {
            return value != null ? value.toPlainString() : Workbench.bands(bands);
        }
    }

    /**
     * A revision draft: parameter name → its new figure, and inherited cases dropped
     * ({@code "file.yaml: case name"} → why).
     */
    public record Draft(Map<String, Change> changes, Map<String, String> drops) {

        public static final Draft EMPTY = new Draft(Map.of(), Map.of());

        public Draft {
            changes = java.util.Collections.unmodifiableMap(new TreeMap<>(changes));
            drops = java.util.Collections.unmodifiableMap(new TreeMap<>(drops));
        }

        public boolean isEmpty() {
            return changes.isEmpty() && drops.isEmpty();
        }

        /** Reads {@code {"changes": {name: {"value": n} | {"bands": [{atLeast, points}]}}, "drops": {ref: why}}}. */
        public static Draft fromJson(JsonNode node, Map<String, Parameter> known) {
            Map<String, Change> changes = new TreeMap<>();
            JsonNode c = node.path("changes");
            if (!c.isMissingNode() && !c.isObject()) {
                throw new IllegalArgumentException("changes: an object");
            }
            c.fields().forEachRemaining(e -> {
                Parameter p = known.get(e.getKey());
                if (p == null) {
                    throw new IllegalArgumentException("没有这个参数 no such parameter: " + e.getKey());
                }
                JsonNode v = e.getValue();
                if (v.has("value") && p.number() != null) {
                    changes.put(e.getKey(), new Change(number(v.get("value"), e.getKey()), null));
                } else if (v.get("bands") instanceof ArrayNode a && p.bands() != null && !a.isEmpty() && a.size() <= 20) {
                    List<Band> bands = new ArrayList<>();
                    a.forEach(b -> bands.add(new Band(number(b.get("atLeast"), e.getKey()), number(b.get("points"), e.getKey()))));
                    changes.put(e.getKey(), new Change(null, bands));
                } else {
                    throw new IllegalArgumentException("参数的形式不对 the parameter's form is wrong: " + e.getKey());
                }
            });
            Map<String, String> drops = new TreeMap<>();
            JsonNode d = node.path("drops");
            if (!d.isMissingNode() && !d.isObject()) {
                throw new IllegalArgumentException("drops: an object");
            }
            d.fields().forEachRemaining(e -> {
                String ref = e.getKey();
                String why = e.getValue().asText("").strip();
                if (!ref.matches("[A-Za-z0-9._-]+\\.yaml: .+") || ref.length() > 500) {
                    throw new IllegalArgumentException("用例引用的形式不对 not a case reference: " + ref);
                }
                // a reason a person can read: blank, no-break and zero-width spaces alone are none
                if (why.codePoints().noneMatch(Character::isLetterOrDigit) || why.length() > 1000) {
                    throw new IllegalArgumentException("去掉用例须写明原因 a dropped case needs a reason: " + ref);
                }
                drops.put(ref, why);
            });
            return new Draft(changes, drops);
        }

        private static BigDecimal number(JsonNode n, String name) {
            if (n == null || !n.isNumber()) {
                throw new IllegalArgumentException("须为数 not a number: " + name);
            }
            return n.decimalValue().stripTrailingZeros();
        }

        public ObjectNode toJson(JsonMapper json) {
            ObjectNode out = json.createObjectNode();
            ObjectNode c = out.putObject("changes");
            changes.forEach((name, ch) -> {
                ObjectNode o = c.putObject(name);
                if (ch.value() != null) {
                    o.put("value", ch.value());
                } else {
                    ArrayNode a = o.putArray("bands");
                    ch.bands().forEach(b -> a.addObject().put("atLeast", b.atLeast()).put("points", b.points()));
                }
            });
            ObjectNode d = out.putObject("drops");
            drops.forEach(d::put);
            return out;
        }
    }
}
