package org.safecounty.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.result.Outcome;

/**
 * {@code examples/province/}: one synthetic submission for each of the 172 county-level units of
 * Hebei in the GB/T 2260 revision of December 2014, made by the testkit's generator from a fixed
 * seed ({@link ProvinceDataSet}). This test regenerates every file and compares it with the one on disk; run it with
 * {@code -Dsafecounty.province.write=true} to write them instead.
 */
class ProvinceDataSetTest {

    static final Path DIR = Path.of("province");
    static final long SEED = ProvinceDataSet.SEED;
    static final String REVISION = ProvinceDataSet.REVISION;

    @Test
    void provinceDataSet_isReproducibleFromItsSeed() throws IOException {
        Map<String, String> generated = generate();
        if (Boolean.getBoolean("safecounty.province.write")) {
            for (var e : generated.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (var e : generated.entrySet()) {
            assertEquals(e.getValue(), Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8),
                    e.getKey() + " is what the seed makes (regenerate with -Dsafecounty.province.write=true)");
        }
        try (var files = Files.list(DIR)) {
            assertEquals(generated.keySet(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json")).collect(Collectors.toCollection(java.util.TreeSet::new)));
        }
    }

    @Test
    void provinceDataSet_coversEveryCountyOf2014AndEveryVerdict() throws IOException {
        List<List<String>> counties = counties();
        assertEquals(172, counties.size(), "Hebei had 172 county-level units in the 2014 revision");
        Assessor assessor = Assessor.bundled();
        Set<String> seen = new TreeSet<>();
        for (List<String> c : counties) {
            String json = Files.readString(DIR.resolve(c.get(0) + ".json"));
            Outcome outcome = assessor.assess(json);
            seen.add(assertInstanceOf(Outcome.Assessed.class, outcome, () -> c + ": " + outcome).result().verdict().code());
        }
        assertEquals(new TreeSet<>(Set.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE")), seen, "§7: every level of the 2014 standard");
    }

    static Map<String, String> generate() throws IOException {
        RulePack pack = Assessor.bundled().pack("hebei-fds-county-2014").orElseThrow();
        Map<String, String> files = new TreeMap<>();
        for (List<String> county : counties()) {
            files.put(county.get(0) + ".json", ProvinceDataSet.file(ProvinceDataSet.submission(pack, county, 2014,
                    SEED ^ Long.parseLong(county.get(0)))));
        }
        return files;
    }

    /** (code, name, city) of every county-level unit of the revision, by code. */
    static List<List<String>> counties() throws IOException {
        return ProvinceDataSet.counties(Path.of("data/gb2260-hebei.tsv"), REVISION);
    }
}
