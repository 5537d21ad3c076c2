package org.safecounty.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.UUID;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.safecounty.pack.PackFiles;
import org.safecounty.validation.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pack's DRL files at run time into a {@link KieBase}, with no {@code kmodule.xml},
 * and removes the built module from the {@code KieRepository} so that rebuilding never grows
 * the heap.
 */
public final class RuleCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?\\s*$");

    /** A compiled rule base, or the problems that stopped it. */
    /**
     * @param module the release id the build had in the {@code KieRepository} (removed again), or
     *               {@code null} when nothing was built or the build threw
     */
    public record Compiled(KieBase kieBase, KieContainer container, List<Problem> problems, ReleaseId module) {

        Compiled(List<Problem> problems) {
            this(null, null, problems, null);
        }
    }

    public Compiled compile(PackFiles files, String packId, ClassLoader classLoader) {
        List<String> drl = files.paths(".drl").toList();
        if (drl.isEmpty()) {
            return new Compiled(List.of(new Problem("rules/", "PACK_NO_RULES", "规则包中没有 .drl 规则文件",
                    "the pack has no .drl rule file")));
        }
        try {
            return build(files, drl, packId, classLoader);
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
        ReleaseId releaseId = ks.newReleaseId("org.safecounty.pack", safe(packId), "0.0." + UUID.randomUUID());
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
            KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll();
            List<Problem> problems = new ArrayList<>();
            for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
                problems.add(problem(m, packPathOf, sources));
            }
            if (!problems.isEmpty()) {
                return new Compiled(null, null, problems, releaseId);
            }
            KieContainer container = ks.newKieContainer(releaseId, classLoader);
            KieBase base = container.getKieBase();
            LOG.debug("compiled {} rule files of {} in {} ms", drl.size(), packId, (System.nanoTime() - start) / 1_000_000);
            return new Compiled(base, container, List.of(), releaseId);
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
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
                    build(PackFiles.of(files.origin(), Map.of(path, files.all().get(path))), List.of(path), packId,
                            classLoader);
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
