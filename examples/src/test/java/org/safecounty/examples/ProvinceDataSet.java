package org.safecounty.examples;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.safecounty.RulePack;
import org.safecounty.testkit.Draws;
import org.safecounty.testkit.SubmissionGenerator;

/**
 * How {@code examples/province/} is made, and {@link NationalDataSet} with it: one submission for a
 * county and a year, drawn by the testkit's {@link SubmissionGenerator} from a seed, seven good
 * counties in eight, falsified material kept in one county in forty.
 */
final class ProvinceDataSet {

    /** The seed of {@code examples/province/}; each county's draws start from it xor its code. */
    static final long SEED = 20141120L;
    /** The GB/T 2260 revision whose counties {@code examples/province/} holds. */
    static final String REVISION = "201412";
    /** What the province's files are written with: two-space indentation, {@code \n} line ends. */
    static final JsonMapper PRETTY = JsonMapper.builder().defaultPrettyPrinter(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))).build();

    private ProvinceDataSet() {
    }

    /**
     * The submission of {@code county} (code, name, city) for {@code year} under {@code pack}, drawn
     * from {@code seed}: the same arguments always give the same submission.
     */
    static ObjectNode submission(RulePack pack, List<String> county, int year, long seed) {
        SubmissionGenerator generator = new SubmissionGenerator(pack, new SubmissionGenerator.Options(year, List.of(county), 8));
        Draws draws = Draws.seeded(seed);
        return rarelyFalsified(generator.valid(draws), draws);
    }

    /** A file of {@code examples/province/}: the submission written as the province's files are. */
    static String file(ObjectNode submission) throws IOException {
        return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(submission) + "\n";
    }

    /** Falsified material is rare in a province: the generator, knowing no standard, draws it as any flag. */
    static ObjectNode rarelyFalsified(ObjectNode s, Draws draws) {
        ArrayNode evidence = (ArrayNode) s.get("evidence");
        boolean keep = draws.oneIn(40);
        for (int i = evidence.size() - 1; i >= 0; i--) {
            var item = evidence.get(i);
            if (!keep && "integrity.falsified_material".equals(item.get("key").asText()) && item.get("value").asBoolean()) {
                ((ObjectNode) item).put("value", false);
            }
        }
        return s;
    }

    /** (code, name, city) of every county-level unit of Hebei in {@code revision} of the table, by code. */
    static List<List<String>> counties(Path gb2260Hebei, String revision) throws IOException {
        Map<String, String> names = new TreeMap<>();
        for (String line : Files.readAllLines(gb2260Hebei)) {
            String[] f = line.split("\t");
            if (f[0].equals(revision)) {
                names.put(f[1], f[2]);
            }
        }
        List<List<String>> counties = new ArrayList<>();
        names.forEach((code, name) -> {
            if (!code.endsWith("00")) {
                counties.add(List.of(code, name, names.getOrDefault(code.substring(0, 4) + "00", "")));
            }
        });
        return counties;
    }
}
