package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code assess} over batches: a folder, a list file and JSON Lines on standard input give the
 * elements of today's {@code --format json}; order is kept on many threads; a bad line is one
 * rejected line; memory stays flat over 20,000 submissions.
 */
class AssessBatchTest {

    static final JsonMapper JSON = new JsonMapper();

    /** The sample files as the shell's {@code samples/*.json} names them. */
    static List<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            return files.map(Path::toString).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }

    /** A submission file as one line of JSON Lines: JSON text never holds a raw line break in a string. */
    static String oneLine(String file) throws IOException {
        return Files.readString(Path.of(file)).replace("\r", "").replace('\n', ' ').strip();
    }

    static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    static String[] args(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    @Test
    void jsonl_fromAFolder_isTodaysJsonElementByElement() throws IOException {
        List<String> samples = samples();
        CliRun json = CliRun.of(args(List.of("assess", "--format", "json"), samples));
        CliRun jsonl = CliRun.of("assess", "--format", "jsonl", "samples");
        assertEquals(0, json.status(), json.err());
        assertEquals(0, jsonl.status(), jsonl.err());
        JsonNode array = JSON.readTree(json.out());
        List<JsonNode> lines = lines(jsonl.out());
        assertEquals(samples.size(), array.size());
        assertEquals(array.size(), lines.size());
        for (int i = 0; i < array.size(); i++) {
            assertEquals(array.get(i), lines.get(i), "element " + i + " (" + samples.get(i) + ")");
        }
        assertEquals(jsonl.out().split("\n").length, jsonl.out().chars().filter(c -> c == '\n').count(),
                "one line a result, each ended by a line break");
    }

    @Test
    void jsonl_fromAListFile_isTodaysJsonElementByElement_inTheListsOrder(@TempDir Path dir) throws IOException {
        List<String> samples = new ArrayList<>(samples());
        Collections.reverse(samples);
        Path list = dir.resolve("list.txt");
        Files.writeString(list, String.join("\n", samples) + "\n\n");
        JsonNode array = JSON.readTree(CliRun.of(args(List.of("assess", "--format", "json"), samples)).out());
        CliRun jsonl = CliRun.of("assess", "--format", "jsonl", "--list", list.toString());
        assertEquals(0, jsonl.status(), jsonl.err());
        List<JsonNode> lines = lines(jsonl.out());
        assertEquals(array.size(), lines.size());
        for (int i = 0; i < array.size(); i++) {
            assertEquals(array.get(i), lines.get(i), "element " + i + " (" + samples.get(i) + ")");
        }
    }

    @Test
    void jsonl_fromStandardInput_givesTodaysResultsNamingEachLine() throws IOException {
        List<String> samples = samples();
        JsonNode array = JSON.readTree(CliRun.of(args(List.of("assess", "--format", "json"), samples)).out());
        StringBuilder stdin = new StringBuilder();
        for (String s : samples) {
            stdin.append(oneLine(s)).append('\n');
        }
        CliRun jsonl = CliRun.withInput(stdin.toString(), "assess", "--format", "jsonl", "-");
        assertEquals(0, jsonl.status(), jsonl.err());
        List<JsonNode> lines = lines(jsonl.out());
        assertEquals(array.size(), lines.size());
        for (int i = 0; i < array.size(); i++) {
            assertEquals("stdin:" + (i + 1), lines.get(i).get("file").asText());
            assertEquals(array.get(i).get("result"), lines.get(i).get("result"), "line " + (i + 1));
        }
    }

    @Test
    void folderAndListGiveTodaysTextAndJson_forTheSameFilesInNameOrder(@TempDir Path dir) throws IOException {
        List<String> samples = samples();
        Path list = dir.resolve("list.txt");
        Files.writeString(list, String.join("\n", samples));
        String text = CliRun.of(args(List.of("assess"), samples)).out();
        assertEquals(text, CliRun.of("assess", "samples").out(), "text of the folder");
        assertEquals(text, CliRun.of("assess", "--list", list.toString()).out(), "text of the list");
        String json = CliRun.of(args(List.of("assess", "--format", "json"), samples)).out();
        assertEquals(json, CliRun.of("assess", "--format", "json", "samples").out(), "json of the folder");
    }

    @Test
    void stdin_aMalformedLineIsOneRejectedLineNamingIt_andTheRestAreAssessed() throws IOException {
        List<String> samples = samples();
        String stdin = oneLine(samples.get(0)) + "\n"
                + "{\"county\": {\"code\": \"130102\",\n"             // line 2: cut short
                + "\n"                                                   // line 3: blank, skipped
                + oneLine(samples.get(1)) + "\r\n"                      // line 4: a CRLF line end
                + "   \n"                                                // line 5: blank
                + oneLine(samples.get(2));                               // line 6: no final line break
        CliRun run = CliRun.withInput(stdin, "assess", "--format", "jsonl", "-");
        assertEquals(2, run.status(), run.err());
        List<JsonNode> lines = lines(run.out());
        assertEquals(List.of("stdin:1", "stdin:2", "stdin:4", "stdin:6"),
                lines.stream().map(l -> l.get("file").asText()).toList());
        assertTrue(lines.get(0).has("result") && lines.get(2).has("result") && lines.get(3).has("result"));
        JsonNode errors = lines.get(1).get("errors");
        assertFalse(lines.get(1).has("result"), "a rejected line never gets a partial score");
        assertEquals("SYNTAX", errors.get(0).get("code").asText());
        assertFalse(errors.get(0).get("zh").asText().isBlank());
        assertFalse(errors.get(0).get("en").asText().isBlank());
    }

    @Test
    void stdin_aLineThatIsNotUtf8IsRejected_andTheRestAreAssessed() throws IOException {
        byte[] good = (oneLine(samples().get(0)) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        byte[] all = new byte[good.length * 2 + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        System.arraycopy(good, 0, all, good.length + bad.length, good.length);
        StringWriter out = new StringWriter();
        int status = run(new ByteArrayInputStream(all), new PrintWriter(out), "assess", "--format", "jsonl", "-").status;
        assertEquals(2, status);
        List<JsonNode> lines = lines(out.toString());
        assertEquals("UNREADABLE", lines.get(1).get("errors").get(0).get("code").asText());
        assertEquals("stdin:2", lines.get(1).get("file").asText());
        assertTrue(lines.get(2).has("result"));
    }

    /**
     * Heavy submissions (a county's whole evidence) and cheap ones (rejected at once) shuffled
     * together, so that on four threads later lines are often done first: the output is still in
     * input order, and the same bytes as on one thread.
     */
    @Test
    void order_isTheInputOrder_onManyThreads_withInputsOfDifferentCosts() throws IOException {
        List<String> heavy = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("province"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().limit(60).toList()) {
                heavy.add(oneLine(p.toString()));
            }
        }
        List<String> input = new ArrayList<>(heavy);
        for (int i = 0; i < 240; i++) {
            input.add(i % 2 == 0 ? "{\"county\": " + i : "[" + i + "]");
        }
        Collections.shuffle(input, new Random(20141120L));
        String stdin = String.join("\n", input) + "\n";
        CliRun four = CliRun.withInput(stdin, "assess", "--format", "jsonl", "--threads", "4", "-");
        CliRun one = CliRun.withInput(stdin, "assess", "--format", "jsonl", "--threads", "1", "-");
        assertEquals(2, four.status(), four.err());
        assertEquals(one.out(), four.out(), "one thread and four give the same bytes");
        List<JsonNode> lines = lines(four.out());
        assertEquals(input.size(), lines.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals("stdin:" + (i + 1), line.get("file").asText());
            boolean isHeavy = heavy.contains(input.get(i));
            assertEquals(isHeavy, line.has("result"), "line " + (i + 1));
            if (isHeavy) {
                assertEquals(JSON.readTree(input.get(i)).get("county").get("code").asText(),
                        line.get("result").get("county").get("code").asText(), "line " + (i + 1) + " is its own county's");
            }
        }
    }

    @Test
    void usage_dashStandsAlone_someInputIsNeeded_threadsArePositive_theListMustOpen(@TempDir Path dir) {
        assertEquals(64, CliRun.of("assess", "-", "samples").status());
        assertEquals(64, CliRun.of("assess", "--list", "x.txt", "-").status());
        assertEquals(64, CliRun.of("assess").status());
        assertEquals(64, CliRun.of("assess", "--threads", "0", "samples").status());
        CliRun missing = CliRun.of("assess", "--list", dir.resolve("none.txt").toString());
        assertEquals(64, missing.status());
        assertTrue(missing.err().contains("--list"), missing.err());
        assertEquals(64, CliRun.of("assess", "--format", "xml", "samples").status());
    }

    @Test
    void anEmptyFolderAssessesNothing(@TempDir Path dir) {
        CliRun run = CliRun.of("assess", "--format", "jsonl", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
    }

    /** 1,000 lines in process: the command's own pool never held more than its window. */
    @Test
    void theCommandsPoolHoldsAtMostItsWindow() {
        String line;
        try {
            line = oneLine(samples().get(0)) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InputStream stdin = repeated(line, 1_000);
        long[] lines = {0};
        PrintWriter out = new PrintWriter(new Writer() {
            @Override
            public void write(char[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    lines[0] += b[i] == '\n' ? 1 : 0;
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Ran ran = run(stdin, out, "assess", "--format", "jsonl", "--threads", "2", "-");
        assertEquals(0, ran.status);
        assertEquals(1_000, lines[0]);
        InOrder pool = ran.command.lastPool();
        assertEquals(8, pool.window());
        assertTrue(pool.peak() <= pool.window(), "peak " + pool.peak());
    }

    /** A reader that goes away (as {@code | head} does) stops the batch: exit status 64, not a minute of work for nobody. */
    @Test
    void jsonl_outputThatCannotBeWrittenStopsTheBatch() throws IOException {
        int[] writes = {0};
        PrintWriter closed = new PrintWriter(new Writer() {
            @Override
            public void write(char[] b, int off, int len) throws IOException {
                writes[0]++;
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Ran ran = run(repeated(oneLine(samples().get(0)) + "\n", 5_000), closed, "assess", "--format", "jsonl", "-");
        assertEquals(64, ran.status);
        assertTrue(writes[0] < 5_000, "stopped after " + writes[0] + " lines");
    }

    /**
     * 20,000 submissions through a separate JVM with a 96 MB heap: more than the heap holds as
     * input (about 180 MB of JSON Lines) and far more as output (about 500 MB), so the command
     * passes only if it holds neither. The stream is read and checked as it comes, never kept.
     */
    @Test
    void memoryStaysFlat_20000SubmissionsThroughA96MegabyteHeap() throws Exception {
        List<String> province = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("province"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                province.add(oneLine(p.toString()) + "\n");
            }
        }
        int count = 20_000;
        String java = ProcessHandle.current().info().command().orElse("java");
        // the command's own logging set-up (warnings, to stderr), not that of the test class path
        String logging = "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath();
        Process p = new ProcessBuilder(java, "-Xmx96m", logging, "-cp", System.getProperty("java.class.path"),
                "org.safecounty.cli.SafecountyCommand", "assess", "--format", "jsonl", "--threads", "2", "-")
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                for (int i = 0; i < count; i++) {
                    in.write(province.get(i % province.size()).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process ended early: its status says why
            }
        });
        feeder.start();
        StringBuilder err = new StringBuilder();
        Thread errors = new Thread(() -> {
            try {
                err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.append(e);
            }
        });
        errors.start();
        long n = 0;
        long rejected = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                n++;
                String head = line.substring(0, Math.min(40, line.length()));
                assertTrue(line.startsWith("{\"file\":\"stdin:" + n + "\","), "line " + n + " in order: " + head);
                rejected += line.contains("\"errors\":") && !line.contains("\"result\":") ? 1 : 0;
            }
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        errors.join();
        assertEquals(0, p.exitValue(), err.toString());
        assertEquals(count, n);
        assertEquals(0, rejected);
    }

    /** What a run in process returned, and its command, to look at its pool. */
    record Ran(int status, AssessCommand command) {
    }

    static Ran run(InputStream stdin, PrintWriter out, String... args) {
        CommandLine cli = SafecountyCommand.commandLine(Map.of(), stdin);
        cli.setOut(out);
        cli.setErr(new PrintWriter(new StringWriter()));
        int status = cli.execute(args);
        return new Ran(status, cli.getSubcommands().get("assess").getCommand());
    }

    /** {@code line} {@code times} times, made as it is read. */
    static InputStream repeated(String line, int times) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long pos;
            final long end = (long) bytes.length * times;

            @Override
            public int read() {
                return pos < end ? bytes[(int) (pos++ % bytes.length)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= end) {
                    return -1;
                }
                int n = 0;
                while (n < len && pos < end) {
                    b[off + n++] = bytes[(int) (pos++ % bytes.length)];
                }
                return n;
            }
        };
    }
}
