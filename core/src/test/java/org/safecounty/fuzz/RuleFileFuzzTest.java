package org.safecounty.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;

/**
 * Fuzzes rule-pack loading with the text of one rule file: the mini pack's files in memory with
 * {@code rules/task-a.drl} replaced ({@link #replacedFile}) or with a new {@code rules/fuzz.drl}
 * added ({@link #addedFile}). {@link RulePack#load(PackFiles)} must give a pack or throw a
 * {@link RulePackException} with at least one well-formed problem; any other exception (a Drools
 * parser error, a {@code NullPointerException}, ...) is a finding.
 *
 * <p><b>Safety.</b> Compiling DRL means compiling Java (and MVEL) written by the fuzzer, and the
 * pack's code runs with the test JVM's full rights: nothing sandboxes rule files yet. A fuzzed
 * file that reached {@code System.exit}, {@code Runtime.exec}, a thread, the file system or
 * reflection could end or damage the run. Inputs are therefore screened before anything is
 * compiled: any input containing one of {@link #FORBIDDEN} is skipped (returns as a pass). The
 * list is crude on purpose (it also skips harmless text such as "exited"); it is a guard for
 * this test, not a sandbox. Loaded packs are never run against a submission here, for the same
 * reason. Inputs are cut to {@link #MAX_CHARS} characters so that each compile stays fast.
 */
class RuleFileFuzzTest {

    /** Longest rule text compiled; anything longer is cut. */
    static final int MAX_CHARS = 2_000;

    /** Inputs containing any of these are skipped before compiling; see the class comment. */
    static final List<String> FORBIDDEN = List.of("System", "Runtime", "exit", "exec", "Thread", "java.io",
            "java.nio", "reflect", "ProcessBuilder", "getClass", "Class.", "halt", "ClassLoader", "Unsafe",
            "jdk.", "sun.", "invoke", "forName", "native", "Process", "File", "Path", "Socket", "URL",
            "ScriptEngine", "Compiler", "concurrent", "setSecurityManager", "load", "\\u", "static");

    private static final Map<String, byte[]> MINI = miniFiles();

    /** The mini pack with {@code rules/task-a.drl} replaced by the input. */
    @FuzzTest(maxDuration = "5m")
    void replacedFile(byte[] data) {
        String text = screened(data);
        if (text != null) {
            check("rules/task-a.drl", text);
        }
    }

    /** The mini pack with the input added as {@code rules/fuzz.drl}. */
    @FuzzTest(maxDuration = "5m")
    void addedFile(byte[] data) {
        String text = screened(data);
        if (text != null) {
            check("rules/fuzz.drl", text);
        }
    }

    /** The input as text, cut to {@link #MAX_CHARS}; {@code null} when it must not be compiled. */
    static String screened(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.length() > MAX_CHARS) {
            text = text.substring(0, MAX_CHARS);
        }
        for (String word : FORBIDDEN) {
            if (text.contains(word)) {
                return null;
            }
        }
        return text;
    }

    static void check(String path, String text) {
        Map<String, byte[]> files = new TreeMap<>(MINI);
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
        RulePack pack;
        try {
            pack = RulePack.load(PackFiles.of("memory:fuzz", files));
        } catch (RulePackException e) {
            assertFalse(e.problems().isEmpty(), "a RulePackException without problems");
            SubmissionReaderFuzzTest.wellFormed(e.problems());
            return;
        }
        assertNotNull(pack, "neither a pack nor a RulePackException");
        assertEquals(MiniPack.ID, pack.id());
        assertTrue(pack.standard().sha256().length() == 64, "sha256");
    }

    private static Map<String, byte[]> miniFiles() {
        try {
            return Map.copyOf(PackFiles.fromDirectory(MiniPack.dir()).all());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
