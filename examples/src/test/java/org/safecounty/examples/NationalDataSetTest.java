package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.cli.SafecountyCommand;
import org.safecounty.result.Outcome;
import picocli.CommandLine;

/**
 * {@link NationalDataSet}: 14,250 submissions, the same bytes from the same seed, Hebei's 2014 part
 * exactly {@code examples/province/}, and every one assessed (none rejected) by the bundled 2014
 * pack through {@code assess --format jsonl -}.
 */
class NationalDataSetTest {

    /**
     * The SHA-256 of the set's JSON Lines from the default seed. It changes when the generator or
     * the bundled 2014 pack's catalogue and parameters change, as the province's files do; the new
     * value is printed by {@code NationalDataSet --jsonl} (docs/performance.md).
     */
    static final String SHA256 = "126be63a619b2d05d9fe1a0d0680c45603bf9fa1038896d7eade8190fabb0dc6";

    static final Path TSV = Path.of("data/gb2260-hebei.tsv");
    static NationalDataSet set;

    @BeforeAll
    static void load() throws IOException {
        set = NationalDataSet.of(TSV, ProvinceDataSet.SEED);
    }

    @Test
    void units_are2850_HebeisReal172_thenSyntheticOnesUnderPrefixesNoProvinceHas() throws IOException {
        List<List<String>> units = set.units();
        assertEquals(2_850, units.size());
        assertEquals(14_250, set.size());
        assertEquals(ProvinceDataSet.counties(TSV, ProvinceDataSet.REVISION), units.subList(0, 172));
        Set<String> codes = new HashSet<>();
        for (List<String> u : units) {
            String code = u.get(0);
            assertTrue(code.matches("[0-9]{6}") && !code.substring(2, 4).equals("00") && !code.substring(4).equals("00"),
                    code + " is shaped like a GB/T 2260 county code");
            assertTrue(codes.add(code), code + " once");
        }
        // GB/T 2260's provinces: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82
        for (List<String> u : units.subList(172, units.size())) {
            int province = Integer.parseInt(u.get(0).substring(0, 2));
            assertTrue(province >= 83 && province <= 99, u + " uses a prefix no province has");
            assertEquals("合成县" + u.get(0), u.get(1));
            assertEquals("合成市" + u.get(0).substring(0, 4), u.get(2));
        }
        assertEquals("830101", NationalDataSet.syntheticCode(0));
        assertEquals("831016", NationalDataSet.syntheticCode(159));
        assertEquals("840101", NationalDataSet.syntheticCode(160));
    }

    @Test
    void hebeisSubmissionsOf2014_areTheFilesOfExamplesProvince() throws IOException {
        Iterator<NationalDataSet.Entry> entries = set.entries();
        for (List<String> county : set.units().subList(0, 172)) {
            NationalDataSet.Entry e = entries.next();
            assertEquals("2014-" + county.get(0) + ".json", e.name());
            assertEquals(Files.readString(Path.of("province", county.get(0) + ".json")), e.file(), e.name());
        }
    }

    @Test
    void theSameSeedGivesTheSameBytes_anotherSeedOthers() throws IOException {
        assertEquals(prefix(set, 300), prefix(NationalDataSet.of(TSV, ProvinceDataSet.SEED), 300));
        assertNotEquals(prefix(set, 300), prefix(NationalDataSet.of(TSV, 1L), 300));
        NationalDataSet.Entry firstOf2015 = set.entry(2_850);
        assertEquals("2015-130102.json", firstOf2015.name());
        assertEquals(2015, firstOf2015.submission().get("assessment").get("year").asInt());
        assertNotEquals(set.entry(0).line(), firstOf2015.line().replace("2015", "2014"), "each year is drawn anew");
        NationalDataSet.Entry last = set.entry(14_249);
        assertEquals("2018-" + set.units().get(2_849).get(0) + ".json", last.name());
        assertEquals(2018, last.submission().get("assessment").get("year").asInt());
    }

    /**
     * Two submissions the generator once made inconsistent: a count above a key the county left
     * out whose own bound is 0 (no cases closed when none were filed; offices with rapid tests in a
     * county of no townships), which counts as 0 (§2). Both are assessed now.
     */
    @Test
    void aKeyLeftOutWhoseBoundIsZero_boundsTheKeysAfterIt() {
        Assessor assessor = Assessor.bundled();
        for (int index : new int[] {1_274, 5_824}) {
            NationalDataSet.Entry e = set.entry(index);
            Outcome outcome = assessor.assess(e.line());
            assertTrue(outcome.assessed(), e.name() + ": " + outcome);
        }
    }

    /**
     * The whole set streamed through {@code assess --format jsonl -} as it is made: its SHA-256 is
     * the one recorded (so another JVM made the same bytes), every line comes back in order and
     * every submission is assessed, none rejected.
     */
    @Test
    void theWholeStream_hasTheRecordedHash_andEverySubmissionIsAssessedByThe2014Pack() throws Exception {
        PipedOutputStream toCli = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(toCli, 1 << 20);
        CompletableFuture<String> sha = CompletableFuture.supplyAsync(() -> {
            try (toCli) {
                return set.writeLines(toCli);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Lines lines = new Lines();
        CommandLine cli = SafecountyCommand.commandLine(Map.of(), stdin);
        cli.setOut(new PrintWriter(lines));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("assess", "--format", "jsonl", "-");
        assertEquals(0, status, err.toString());
        assertEquals(SHA256, sha.get());
        assertEquals(14_250, lines.count);
        assertEquals(0, lines.rejected);
        assertEquals(Set.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE"), lines.verdicts.keySet(), lines.verdicts.toString());
    }

    private static List<String> prefix(NationalDataSet s, int n) {
        List<String> lines = new ArrayList<>();
        for (Iterator<NationalDataSet.Entry> it = s.entries(); lines.size() < n; ) {
            lines.add(it.next().line());
        }
        return lines;
    }

    /** The command's output, checked a line at a time and not kept. */
    static final class Lines extends Writer {
        private static final Pattern VERDICT = Pattern.compile("\"verdict\":\"([A-Z_]+)\"");
        private final StringBuilder line = new StringBuilder();
        long count;
        long rejected;
        final Map<String, Integer> verdicts = new TreeMap<>();

        @Override
        public void write(char[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] != '\n') {
                    line.append(b[i]);
                    continue;
                }
                count++;
                String head = "{\"file\":\"stdin:" + count + "\",\"result\":";
                if (line.indexOf(head) != 0) {
                    rejected++;
                } else {
                    Matcher m = VERDICT.matcher(line);
                    verdicts.merge(m.find() ? m.group(1) : "?", 1, Integer::sum);
                }
                line.setLength(0);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
