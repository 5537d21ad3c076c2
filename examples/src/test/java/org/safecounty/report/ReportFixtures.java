package org.safecounty.report;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Sample submissions for report tests, including one whose county name and city try to inject script. */
final class ReportFixtures {

    static final Path SAMPLES = Path.of("samples");
    static final String HOSTILE_NAME = "<script>window.pwned=1</script>恶意县\"'&<img src=x onerror=\"window.pwned=2\">";
    static final String HOSTILE_CITY = "<script>window.pwned=3</script>石家庄市";

    private ReportFixtures() {
    }

    static List<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    /** A copy of a sample whose county name and city carry markup, written into {@code dir}. */
    static Path hostile(Path dir) throws IOException {
        JsonMapper json = new JsonMapper();
        ObjectNode s = (ObjectNode) json.readTree(SAMPLES.resolve("130123-zhengding.json").toFile());
        ((ObjectNode) s.get("county")).put("name", HOSTILE_NAME).put("city", HOSTILE_CITY);
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, json.writeValueAsString(s), StandardCharsets.UTF_8);
        return file;
    }

    /** Every sample and the hostile copy, as command-line arguments after {@code prefix}. */
    static String[] args(Path hostile, String... prefix) throws IOException {
        List<String> args = new ArrayList<>(List.of(prefix));
        samples().forEach(p -> args.add(p.toString()));
        args.add(hostile.toString());
        return args.toArray(String[]::new);
    }
}
