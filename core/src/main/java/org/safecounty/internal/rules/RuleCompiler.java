package org.safecounty.internal.rules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.InternalKieModuleProvider;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.util.PortablePath;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pack's rule files ({@code rules/*.drl}, nothing else) at run time into a
 * {@link KieBase} through the executable model, which turns every condition and consequence into
 * Java, so that no MVEL is evaluated while assessing. What the build produced is checked before
 * anything of it is loaded: its bytecode against the rule vocabulary ({@link BytecodeCheck}) and the
 * rule base for any node that would evaluate MVEL ({@link MvelFreeCheck}). No {@code kmodule.xml} is
 * needed, and the built module is removed from the {@code KieRepository} so that rebuilding never
 * grows the heap.
 */
public final class RuleCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?\\s*$");

    /**
     * A compiled rule base, or the problems that stopped it.
     *
     * @param module the release id the build had in the {@code KieRepository} (removed again), or
     *               {@code null} when nothing was built or the build threw
     * @param form   the compiled form ({@link #load}) of a rule base just built, else {@code null}
     */
    public record Compiled(KieBase kieBase, KieContainer container, List<Problem> problems, ReleaseId module,
                           byte[] form) {

        Compiled(KieBase kieBase, KieContainer container, List<Problem> problems, ReleaseId module) {
            this(kieBase, container, problems, module, null);
        }

        Compiled(List<Problem> problems) {
            this(null, null, problems, null, null);
        }
    }

    /**
     * Verifies the pack's rule files ({@link RuleVerifier}) and, if they are written in the rule
     * language, compiles them. Nothing of a file that fails verification reaches Drools: the
     * compiler evaluates some rule text while it builds (annotations, for one).
     */
    public Compiled compile(PackFiles files, String packId, ClassLoader classLoader) {
        List<Problem> refused = new RuleVerifier().check(files);
        if (!refused.isEmpty()) {
            return new Compiled(refused);
        }
        return compileUnverified(files, packId, classLoader);
    }

    /** Compiles without verifying first: for tests that show what the later checks stop on their own. */
    Compiled compileUnverified(PackFiles files, String packId, ClassLoader classLoader) {
        List<String> drl = ruleFiles(files);
        if (drl.isEmpty()) {
            return new Compiled(List.of(new Problem("rules/", "PACK_NO_RULES", "规则包中没有 .drl 规则文件",
                    "the pack has no .drl rule file")));
        }
        try {
            return attributed(files, drl, packId, classLoader, build(files, drl, packId, classLoader));
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // Drools reports most mistakes as messages, but some inputs make it throw instead
            // (a parser NPE, an unknown accumulate function, a negative @position, an event type
            // in a CLOUD-mode base, ...): each becomes a problem naming the file that causes it
            return new Compiled(thrown(files, drl, packId, classLoader, e));
        }
    }

    private Compiled build(PackFiles files, List<String> drl, String packId, ClassLoader classLoader) {
        long start = System.nanoTime();
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId(CompiledForm.GROUP, safe(packId), "0.0." + UUID.randomUUID());
        try {
            KieFileSystem kfs = ks.newKieFileSystem();
            kfs.generateAndWritePomXML(releaseId);
            Map<String, String> packPathOf = new HashMap<>();
            Map<String, String> sources = new HashMap<>();
            drl.forEach(path -> sources.put(path, files.text(path).orElse("")));
            for (String path : drl) {
                String placed = RESOURCES + packageFolder(files.text(path).orElse("")) + fileName(path);
                packPathOf.put(placed, path);
                kfs.write(placed, files.all().get(path));
            }
            KieBuilder builder = ks.newKieBuilder(kfs, RuleClassLoader.forBuilding(RuleCompiler.class.getClassLoader()))
                    .buildAll(ExecutableModelProject.class);
            List<Problem> problems = new ArrayList<>();
            for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
                problems.add(problem(m, packPathOf, sources));
            }
            if (problems.isEmpty()) {
                problems.addAll(BytecodeCheck.check(classes((InternalKieModule) builder.getKieModule()),
                        packages(sources.values())));
            }
            if (!problems.isEmpty()) {
                return new Compiled(null, null, problems, releaseId);
            }
            KieContainer container = ks.newKieContainer(releaseId, classLoader);
            KieBase base = container.getKieBase();
            problems.addAll(MvelFreeCheck.check(base));
            if (!problems.isEmpty()) {
                container.dispose();
                return new Compiled(null, null, problems, releaseId);
            }
            LOG.debug("compiled {} rule files of {} in {} ms", drl.size(), packId, (System.nanoTime() - start) / 1_000_000);
            return new Compiled(base, container, List.of(), releaseId,
                    CompiledForm.of((InternalKieModule) builder.getKieModule(), safe(packId)));
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Makes the rule base again from a compiled form ({@link Compiled#form()}) without compiling
     * anything: no rule text reaches Drools. The form is trusted no further than the checks prove:
     * every class it holds passes {@link BytecodeCheck} against the packages the pack's rule files
     * declare before any of them is defined, the rule base is made in {@code classLoader} (the
     * sandbox's) and must pass {@link MvelFreeCheck}, and the module is removed from the
     * {@code KieRepository} again. A form that fails any of this gives problems, never a rule base.
     */
    public Compiled load(byte[] form, PackFiles files, String packId, ClassLoader classLoader) {
        Map<String, byte[]> entries;
        try {
            entries = CompiledForm.read(form, safe(packId));
        } catch (IOException e) {
            return new Compiled(List.of(formProblem(e.getMessage())));
        }
        List<String> sources = ruleFiles(files).stream().map(path -> files.text(path).orElse("")).toList();
        List<Problem> problems = new ArrayList<>(BytecodeCheck.check(CompiledForm.classes(entries), packages(sources)));
        if (!problems.isEmpty()) {
            return new Compiled(problems);
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId(CompiledForm.GROUP, safe(packId), "0.0." + UUID.randomUUID());
        MemoryFileSystem mfs = new MemoryFileSystem();
        entries.forEach((name, bytes) -> mfs.write(PortablePath.of(name), bytes));
        KieModuleModel model = ks.newKieModuleModel();
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        KieContainer container = null;
        try {
            InternalKieModule module = InternalKieModuleProvider.get(releaseId, model, mfs);
            if (!(module instanceof CanonicalKieModule)) {
                return new Compiled(List.of(formProblem("not an executable model")));
            }
            // the engine makes a builder configuration for the rule base; the classes it names
            // (accumulate functions, ...) are the engine's, lent by the builder's loader as when compiling
            for (String base : model.getKieBaseModels().keySet()) {
                module.cacheKnowledgeBuilderForKieBase(base, KnowledgeBuilderFactory.newKnowledgeBuilder(
                        KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null,
                                RuleClassLoader.forBuilding(RuleCompiler.class.getClassLoader()))));
            }
            ks.getRepository().addKieModule(module);
            container = ks.newKieContainer(releaseId, classLoader);
            KieBase base = container.getKieBase();
            problems.addAll(MvelFreeCheck.check(base));
            if (!problems.isEmpty()) {
                container.dispose();
                return new Compiled(null, null, problems, releaseId);
            }
            return new Compiled(base, container, List.of(), releaseId);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("making the rule base of {} from its compiled form threw", packId, e);
            if (container != null) {
                container.dispose();
            }
            return new Compiled(null, null, List.of(formProblem(String.valueOf(e))), releaseId);
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    private static Problem formProblem(String why) {
        return new Problem("rules/", "COMPILED_FORM", "编译结果不可用：" + why, "the compiled form cannot be used: " + why);
    }

    /**
     * Problems the executable model reports against the Java it generated are named by the rule
     * file that causes them: the only file, or each file that fails when built alone.
     */
    private Compiled attributed(PackFiles files, List<String> drl, String packId, ClassLoader classLoader,
                                Compiled compiled) {
        if (compiled.problems().stream().allMatch(p -> drl.stream().anyMatch(f -> p.path().startsWith(f)))) {
            return compiled;
        }
        List<Problem> named = new ArrayList<>();
        if (drl.size() == 1) {
            compiled.problems().forEach(p -> named.add(renamed(p, drl.get(0))));
        } else {
            for (String path : drl) {
                Compiled alone = build(PackFiles.of(files.origin(), Map.of(path, files.all().get(path))), List.of(path),
                        packId, classLoader);
                if (alone.container() != null) {
                    alone.container().dispose();
                }
                alone.problems().forEach(p -> named.add(renamed(p, path)));
            }
        }
        return named.isEmpty() ? compiled : new Compiled(null, null, named, compiled.module());
    }

    /** The problem named by {@code path} where it named Java the model generated (or no file). */
    private static Problem renamed(Problem p, String path) {
        if (p.path().startsWith(path)) {
            return p;
        }
        return new Problem(path, p.code(), p.zh(), p.en());
    }

    /**
     * The problems for a build that threw: each file that throws when built alone is named; if
     * none does, the failure lies between files and the rules folder is named.
     */
    private List<Problem> thrown(PackFiles files, List<String> drl, String packId, ClassLoader classLoader,
                                 Throwable failure) {
        LOG.debug("building the rules of {} threw", packId, failure);
        List<Problem> problems = new ArrayList<>();
        if (drl.size() > 1) {
            for (String path : drl) {
                try {
                    Compiled alone = build(PackFiles.of(files.origin(), Map.of(path, files.all().get(path))),
                            List.of(path), packId, classLoader);
                    if (alone.container() != null) {
                        alone.container().dispose();
                    }
                } catch (RuntimeException | StackOverflowError | LinkageError e) {
                    problems.add(thrownProblem(path, e));
                }
            }
        }
        if (problems.isEmpty()) {
            problems.add(thrownProblem(drl.size() == 1 ? drl.get(0) : "rules/", failure));
        }
        return problems;
    }

    private static Problem thrownProblem(String path, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root.getClass().getSimpleName()
                + (root.getMessage() == null || root.getMessage().isBlank() ? "" : ": " + root.getMessage().strip());
        if (root != e && e.getMessage() != null && !e.getMessage().isBlank()) {
            what = e.getMessage().strip() + " (" + what + ")";
        }
        return new Problem(path, "RULE_COMPILE", "规则编译失败：" + what, "rule compile failure: " + what);
    }

    /** The files that are compiled: those directly in {@code rules/} ending in {@code .drl}. */
    static List<String> ruleFiles(PackFiles files) {
        return files.ruleFiles();
    }

    /** Every class the build produced, by internal name. */
    private static Map<String, byte[]> classes(InternalKieModule module) {
        Map<String, byte[]> classes = new HashMap<>();
        for (String file : module.getFileNames()) {
            if (file.endsWith(".class")) {
                classes.put(file.substring(0, file.length() - ".class".length()), module.getBytes(file));
            }
        }
        return classes;
    }

    /** The packages the rule files declare, as internal names. */
    private static java.util.Set<String> packages(java.util.Collection<String> sources) {
        java.util.Set<String> packages = new java.util.HashSet<>();
        for (String drl : sources) {
            Matcher m = PACKAGE.matcher(drl);
            packages.add(m.find() ? m.group(1).replace('.', '/') : "");
        }
        return packages;
    }

    /**
     * Drools wants a file's folder to match its package; the pack's folder is for people, so each
     * file is placed by its package inside the build and errors are mapped back to the pack's path.
     */
    private static String packageFolder(String drl) {
        Matcher m = PACKAGE.matcher(drl);
        return m.find() ? m.group(1).replace('.', '/') + "/" : "";
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Problem problem(Message m, Map<String, String> packPathOf, Map<String, String> sources) {
        String path = m.getPath() == null ? "rules/" : packPathOf.getOrDefault(m.getPath(),
                packPathOf.getOrDefault(RESOURCES + m.getPath(), m.getPath().replaceFirst("^" + RESOURCES, "")));
        String text = m.getText().strip();
        DroolsMessages.Plain plain = DroolsMessages.plain(text);
        int line = DroolsMessages.refineLine(sources.getOrDefault(path, ""), m.getLine(), plain.word());
        String where = line > 0 ? path + ":" + line : path;
        return new Problem(where, "RULE_COMPILE", plain.zh(), plain.en());
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
