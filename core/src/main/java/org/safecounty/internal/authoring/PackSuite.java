package org.safecounty.internal.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.safecounty.Assessor;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.packtest.CaseReader;
import org.safecounty.internal.packtest.CaseResult;
import org.safecounty.internal.packtest.PackCase;
import org.safecounty.internal.packtest.PackTestRunner;
import org.safecounty.result.Verdict;

/**
 * A pack folder's test cases, inherited ones included, ready to run one at a time, and the rules
 * that fired in none of them: what a build's test runner and {@code safecounty test} both run. Each
 * case runs once; the coverage check reuses the results.
 */
public final class PackSuite {

    private final Path dir;
    private final RulePack pack;
    private final CaseReader.Cases cases;
    private final PackTestRunner runner;
    private final Map<PackCase, CaseResult> results = Collections.synchronizedMap(new IdentityHashMap<>());

    private PackSuite(Path dir, RulePack pack, CaseReader.Cases cases) {
        this.dir = dir;
        this.pack = pack;
        this.cases = cases;
        this.runner = runner(pack);
    }

    /** A runner of cases against {@code pack}, expected verdicts checked against its levels. */
    public static PackTestRunner runner(RulePack pack) {
        Assessor assessor = Assessor.of(pack);
        return new PackTestRunner(json -> {
            Assessor.Traced traced = assessor.trace(json);
            return new PackTestRunner.Run(traced.outcome(), traced.rulesFired());
        }, levels(pack));
    }

    /** A reader of the cases of {@code pack}, expected verdicts checked against its levels. */
    public static CaseReader reader(RulePack pack) {
        return new CaseReader(levels(pack));
    }

    private static List<String> levels(RulePack pack) {
        return pack.catalogue().verdicts().stream().map(Verdict::code).toList();
    }

    /** Loads the pack in {@code dir} and reads every case it runs, the inherited ones included. */
    public static PackSuite load(Path dir) {
        try {
            return of(dir, PackFiles.fromDirectory(dir), PackPolicy.any());
        } catch (IOException e) {
            throw new RulePackException(dir.toString(), List.of(PackFiles.problem(dir.toString(), e)));
        }
    }

    /** The suite of a pack already read from {@code dir}. */
    public static PackSuite of(Path dir, PackFiles files, PackPolicy policy) {
        RulePack pack = RulePack.load(files, policy);
        CaseReader.Cases cases = reader(pack).readAll(files);
        List<String> laidOver = pack.standard().bases().stream().map(b -> b.sha256()).toList();
        List<String> inherited = cases.bases().stream().map(PackFiles::sha256).toList();
        if (!laidOver.equals(inherited)) {
            throw new IllegalArgumentException("tests/: 继承的用例来自的规则包与本规则包所继承的不同（摘要 " + inherited
                    + "，应为 " + laidOver + "） / the inherited cases come from other packs than the ones this pack is"
                    + " laid over (digests " + inherited + ", not " + laidOver + ")");
        }
        return new PackSuite(dir, pack, cases);
    }

    /**
     * Every pack folder under {@code root}, in path order: every folder holding a {@code pack.yaml}
     * (not looking inside a pack, a hidden folder or a build's {@code target/}).
     */
    public static List<Path> find(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    String name = d.getFileName() == null ? "" : d.getFileName().toString();
                    if (!d.equals(root) && (name.startsWith(".") || name.equals("target"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Files.isRegularFile(d.resolve("pack.yaml"))) {
                        found.add(d);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.sort(null);
        return found;
    }

    public Path dir() {
        return dir;
    }

    public RulePack pack() {
        return pack;
    }

    /** Every case the pack runs, and how many were inherited, adjusted, dropped, replaced. */
    public CaseReader.Cases cases() {
        return cases;
    }

    /** How the case went against the pack (run once, then remembered). */
    public CaseResult result(PackCase c) {
        return results.computeIfAbsent(c, runner::run);
    }

    /** Every case's result, in order. */
    public List<CaseResult> results() {
        return cases.cases().stream().map(this::result).toList();
    }

    /** The rules that fired in no case: every rule of the pack should fire in some case. */
    public List<String> rulesNeverFired() {
        return runner.rulesNeverFired(results(), pack.ruleNames());
    }

    /** A failed case as reports print it: its label, then each expectation not met. */
    public static String describe(CaseResult r) {
        return r.testCase().label() + "\n  " + String.join("\n  ", r.failures().stream().map(Object::toString).toList());
    }

    /** One line: how many cases, how many of them inherited, adjusted, dropped and replaced. */
    public String summary() {
        return summary(cases);
    }

    /** One line, in both languages, of how a pack came by its cases. */
    public static String summary(CaseReader.Cases c) {
        return c.cases().size() + " 个用例 cases: 本包 own " + c.own() + "，继承 inherited " + c.inherited() + "（其中调整"
                + " adjusted " + c.adjusted() + "），去掉 dropped " + c.dropped().size() + "，替换 replaced " + c.replaced();
    }
}
