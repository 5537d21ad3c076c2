package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Attack round 15 on "no stack trace for any user mistake" (docs/cli.md): one short line on
 * standard error naming the place, and a documented exit status. Tests marked BREAK fail on the
 * code they were written against; the others are attacks that held, kept because they are cheap.
 */
class AttackRound15Test {

    static final String SAMPLE = "samples/130229-yutian.json";

    static void noTrace(CliRun run) {
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    /**
     * BREAK. /dev/zero (or any endless stream: a FIFO, a process substitution) as a submission:
     * Files.size says 0, so the size check passes and the whole stream is read into memory until
     * the JVM gives up — exit 70 "internal error (Requested array size exceeds VM limit)" after
     * about 15 s, instead of 2 with the file rejected as too large. The same with --list /dev/zero
     * (70, "Required array length 2147483639 + 9 is too large") and report /dev/zero.
     */
    @Test
    void anEndlessFileAsASubmission_isRejectedNotAnInternalError() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CliRun run = CliRun.of("assess", "/dev/zero");
            noTrace(run);
            assertEquals(2, run.status(), run.err() + run.out());
            assertTrue(run.out().contains("/dev/zero"), run.out());
        });
    }

    /**
     * BREAK. Standard output that cannot be written (java -jar … assess FILE > /dev/full, or closed
     * with >&-): the text and JSON formats say nothing and exit 0 though nothing was written;
     * only --format jsonl notices (and then exits 70 with no pointer to --debug).
     */
    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "markdown"})
    void outputThatCannotBeWritten_isNotExit0(String format) {
        StringWriter err = new StringWriter();
        Writer full = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void close() {
            }
        };
        CommandLine cli = SafecountyCommand.commandLine(Map.of(), new ByteArrayInputStream(new byte[0]));
        cli.setOut(new PrintWriter(full));
        cli.setErr(new PrintWriter(err));
        String[] args = format.equals("markdown") ? new String[] {"assess", "--lang", "zh", "--format", format, SAMPLE}
                : new String[] {"assess", "--format", format, SAMPLE};
        int status = cli.execute(args);
        assertNotEquals(0, status, "nothing was written, yet exit 0; stderr: " + err);
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /**
     * BREAK. A template mistake is exit 64 naming the file (docs/reports.md); a replace whose result
     * would be longer than a Java string is exit 70, "internal error … (Required length exceeds
     * implementation limit)", naming nothing.
     */
    @Test
    void aTemplateThatMakesATextTooLongForJava_is64NamingTheFile(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(folder.resolve("county.peb"), "{% set s = \"xxxxxxxxxxxxxxxx\" %}" + "{% set s = s ~ s %}".repeat(14)
                + "{% set r = s | abbreviate(8192) %}{{ s | replace({\"x\": r}) }}");
        CliRun run = CliRun.of("report", "--template", folder.toString(), "--out", dir.resolve("out").toString(), SAMPLE);
        noTrace(run);
        assertEquals(64, run.status(), run.err());
        assertTrue(run.err().contains("county.peb"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    /**
     * BREAK (arguable). A case file of the pack that cannot be read — tests/x.yaml is a folder —
     * is skipped without a word: "515 passed, 0 failed", exit 0, where docs/cli.md gives exit 1 to
     * "a case of the pack failed or could not be read".
     */
    @Test
    void aCaseFileThatIsAFolder_isNotSkippedSilently(@TempDir Path dir) throws IOException {
        Path pack = copy(Path.of("../rules/hebei-fds-county-2014"), dir.resolve("pack"));
        Path cases;
        try (Stream<Path> files = Files.list(pack.resolve("tests"))) {
            cases = files.filter(p -> p.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
        }
        Files.delete(cases);
        Files.createDirectories(cases);
        CliRun run = CliRun.withEnv(Map.of("SAFECOUNTY_CACHE", dir.resolve("cache").toString()), "test", "--no-cache",
                pack.toString());
        noTrace(run);
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue((run.out() + run.err()).contains(cases.getFileName().toString()), run.out() + run.err());
    }

    // ---- attacks that held ----

    /** A file name carrying a line break and a terminal escape is escaped in the error line. */
    @Test
    void aTemplateFolderWithANewlineAndAnEscapeInItsName_isEscaped(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("T\n\u001b[31mX"));
        Files.writeString(folder.resolve("county.peb"), "{{ county.nope }}");
        CliRun run = CliRun.of("report", "--template", folder.toString(), "--out", dir.resolve("out").toString(), SAMPLE);
        assertEquals(64, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\u001b"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483647", "0", "-1", "99999999999999999999"})
    void oddThreadCounts_are64(String n) {
        CliRun run = CliRun.of("assess", "--threads", n, SAMPLE);
        noTrace(run);
        assertEquals(64, run.status(), run.err());
    }

    @Test
    void aListThatListsItself_endsAndRejectsIt(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("self.list");
        Files.writeString(list, list + "\n");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            CliRun run = CliRun.of("assess", "--list", list.toString());
            noTrace(run);
            assertEquals(2, run.status(), run.err());
        });
    }

    @Test
    void deeplyNestedJson_isRejected(@TempDir Path dir) throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
        CliRun run = CliRun.of("assess", deep.toString());
        noTrace(run);
        assertEquals(2, run.status(), run.err());
    }

    @Test
    void emptyEnvironmentVariables_are64(@TempDir Path dir) {
        for (String name : List.of("SAFECOUNTY_CACHE", "SAFECOUNTY_SETTINGS")) {
            CliRun run = CliRun.withEnv(Map.of(name, ""), "validate", "../rules/hebei-fds-county-2014");
            noTrace(run);
            assertEquals(64, run.status(), name + ": " + run.err());
            assertTrue(run.err().contains(name), run.err());
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
