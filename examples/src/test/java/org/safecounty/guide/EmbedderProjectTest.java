package org.safecounty.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/embedder/ is the project docs/embedding.md tells a new user to create. Its pom must name
 * this build's artifacts, at this build's versions, through the BOM; its Main must compile against
 * what those artifacts bring (nothing of the command line, no test library) and run, with Logback
 * and its logback.xml, and with Log4j 2 and log4j2.xml, as the guide says: results on standard
 * output, safecounty's INFO on standard error, and no DEBUG line from Drools.
 */
class EmbedderProjectTest {

    static final Path EMBEDDER = Path.of("embedder");
    static final Pom POM = Pom.read(EMBEDDER.resolve("pom.xml"));
    static final Path MAIN = EMBEDDER.resolve("src/main/java/gov/example/assessment/Main.java");
    static final String MAIN_CLASS = "gov.example.assessment.Main";
    static final String ZHENGDING = "samples/130123-zhengding.json";
    static final String GUAN = "samples/131022-guan.json";

    @TempDir
    static Path classes;
    static List<Path> runtime;

    /** Main compiled as the embedder's build would: against core, rules, what they bring, and Logback. */
    @BeforeAll
    static void compileMain() throws IOException {
        // written by maven-dependency-plugin (examples/pom.xml, embedder-classpath)
        String listed = Files.readString(Path.of("target/embedder.classpath")).strip();
        runtime = Arrays.stream(listed.split(File.pathSeparator)).map(Path::of).toList();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-d", classes.toString(),
                    "-classpath", join(runtime));
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(MAIN.toFile())).call();
            assertTrue(ok, "Main.java does not compile: " + diagnostics.getDiagnostics());
        }
    }

    @Test
    void thePom_importsThisBuildsBom_andDependsOnItsArtifacts() {
        Pom parent = BomTest.PARENT;
        Pom.Dependency bom = POM.managed().stream().filter(d -> "import".equals(d.scope())).findFirst().orElseThrow();
        assertEquals(BomTest.BOM.groupId() + ":" + BomTest.BOM.artifactId() + ":pom", bom.key());
        assertEquals(BomTest.BOM.version(), bom.version(), "the guide's pom names this build's version");
        assertEquals(List.of(parent.groupId() + ":" + BomTest.CORE.artifactId() + ":jar",
                        parent.groupId() + ":" + BomTest.RULES.artifactId() + ":jar", "ch.qos.logback:logback-classic:jar"),
                POM.dependencies().stream().map(Pom.Dependency::key).toList());
        POM.dependencies().stream().filter(d -> d.groupId().equals(parent.groupId()))
                .forEach(d -> assertEquals(null, d.version(), d.key() + ": its version comes from the BOM"));
        assertEquals(parent.properties().get("logback.version"), POM.dependencies().get(2).version(),
                "Logback at the version this build tests with");
        assertEquals(parent.properties().get("maven.compiler.release"), POM.properties().get("maven.compiler.release"));
        Map<String, String> plugins = POM.pluginVersions();
        assertEquals(parent.pluginVersions().get("maven-compiler-plugin"), plugins.get("maven-compiler-plugin"));
        assertEquals(Pom.read(Path.of("pom.xml")).pluginVersions().get("maven-dependency-plugin"),
                plugins.get("maven-dependency-plugin"));
    }

    /** The dependency the guide gives for Log4j 2 is the one run below (examples/pom.xml copies it). */
    @Test
    void theLog4j2Dependency_isTheOneTheTestRunsWith() {
        Pom.Dependency d = Pom.Dependency.read(EMBEDDER.resolve("log4j2/dependency.xml"));
        assertEquals("org.apache.logging.log4j:log4j-slf4j2-impl:jar", d.key());
        assertEquals(Pom.read(Path.of("pom.xml")).properties().get("log4j.version"), d.version());
    }

    @Test
    void theClassPathMainRunsOn_isCoreRulesTheirLibrariesAndLogback_only() {
        List<String> names = runtime.stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("safecounty-core") || n.equals("classes")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("logback-classic")), names.toString());
        List<String> foreign = names.stream().filter(n -> n.startsWith("picocli") || n.startsWith("junit")
                || n.contains("examples") || n.contains("tests")).toList();
        assertEquals(List.of(), foreign);
    }

    @Test
    void main_withLogbackAndItsConfig_printsResults_andNoDebugLine() throws Exception {
        Run run = run(classPath(runtime, EMBEDDER.resolve("src/main/resources")), ZHENGDING, GUAN);
        assertEquals(0, run.status, run.toString());
        assertEquals(List.of(ZHENGDING + ": EXCELLENT 105.45 正定县", GUAN + ": VETOED 103.46 固安县"), run.out, run.toString());
        assertNoDebugAndThePackLoadAtInfo(run);
    }

    @Test
    void main_withoutLogbackConfig_printsDroolsDebugLines() throws Exception {
        // what the guide's logback.xml is for: Logback with no configuration logs everything at DEBUG,
        // on standard output among the program's own lines
        Run run = run(classPath(runtime), ZHENGDING);
        assertEquals(0, run.status, run.toString());
        long debug = run.out.stream().filter(l -> l.contains(" DEBUG org.drools.")).count();
        assertTrue(debug >= 10, debug + " DEBUG lines from Drools: " + run.out);
        assertTrue(run.out.contains(ZHENGDING + ": EXCELLENT 105.45 正定县"), run.out.toString());
    }

    @Test
    void main_withLog4j2AndItsConfig_printsResults_andNoDebugLine(@TempDir Path config) throws Exception {
        Files.copy(EMBEDDER.resolve("log4j2/log4j2.xml"), config.resolve("log4j2.xml"));
        List<Path> withLog4j = new ArrayList<>(runtime.stream()
                .filter(p -> !p.getFileName().toString().startsWith("logback-")).toList());
        try (Stream<Path> jars = Files.list(Path.of("target/log4j2"))) {
            withLog4j.addAll(jars.sorted().toList());
        }
        assertTrue(withLog4j.stream().anyMatch(p -> p.getFileName().toString().startsWith("log4j-slf4j2-impl-")));
        Run run = run(classPath(withLog4j, config), ZHENGDING);
        assertEquals(0, run.status, run.toString());
        assertEquals(List.of(ZHENGDING + ": EXCELLENT 105.45 正定县"), run.out, run.toString());
        assertNoDebugAndThePackLoadAtInfo(run);
    }

    @Test
    void main_withNoLoggingBackend_runs_andSlf4jSaysSoOnce() throws Exception {
        List<Path> none = runtime.stream().filter(p -> !p.getFileName().toString().startsWith("logback-")).toList();
        Run run = run(classPath(none), ZHENGDING);
        assertEquals(0, run.status, run.toString());
        assertEquals(List.of(ZHENGDING + ": EXCELLENT 105.45 正定县"), run.out, run.toString());
        assertTrue(run.err.stream().anyMatch(l -> l.contains("SLF4J") && l.contains("No SLF4J providers were found")),
                run.err.toString());
    }

    @Test
    void main_withARejectedSubmission_printsEveryProblem_andExits2(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(Path.of(ZHENGDING)).replace("\"130123\"", "\"13012\""));
        Run run = run(classPath(runtime, EMBEDDER.resolve("src/main/resources")), broken.toString());
        assertEquals(2, run.status, run.toString());
        assertTrue(run.out.stream().anyMatch(l -> l.startsWith(broken + ": county.code: ")), run.toString());
    }

    private static void assertNoDebugAndThePackLoadAtInfo(Run run) {
        assertEquals(List.of(), run.err.stream().filter(l -> l.contains("DEBUG") || l.contains("SLF4J")).toList());
        List<String> loaded = run.err.stream().filter(l -> l.contains(" INFO  org.safecounty.RulePack - loaded rule pack "))
                .toList();
        assertEquals(1, loaded.size(), run.err.toString());
        assertTrue(loaded.get(0).contains("hebei-fds-county-2014"), loaded.toString());
        assertEquals(loaded, run.err, "nothing else is logged");
    }

    record Run(int status, List<String> out, List<String> err) {
    }

    private static String classPath(List<Path> entries, Path... first) {
        List<Path> all = new ArrayList<>();
        all.add(classes);
        all.addAll(List.of(first));
        all.addAll(entries);
        return join(all);
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Run run(String classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8", "-cp", classPath, MAIN_CLASS));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(classes, "out", ".txt");
        Path err = Files.createTempFile(classes, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "Main did not end within 120 s");
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).lines().toList(),
                Files.readString(err, StandardCharsets.UTF_8).lines().toList());
        assertNotNull(run.out);
        return run;
    }
}
