package org.safecounty.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.testkit.JsonSchemas;

/**
 * Every sample submission ({@code samples/*.json}), every county of the synthetic province
 * ({@code province/*.json}) and the example packs' base counties pass the exchange format's schema,
 * as the rules jar carries it; every YAML file of the example packs ({@code packs/}) names its schema
 * on its first line and passes it.
 */
class ExampleFilesMatchTheSchemasTest {

    private static final JsonSchemas SUBMISSION = JsonSchemas.bundled("submission.schema.json");

    static Stream<Path> submissions() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(Path.of("samples"), Path.of("province"))) {
            try (Stream<Path> files = Files.list(dir)) {
                all.addAll(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            }
        }
        all.addAll(packFiles(".json"));
        assertTrue(all.size() > 180, "the samples, the province and the packs' base counties, found " + all.size());
        return all.stream();
    }

    static Stream<Path> packYaml() throws IOException {
        List<Path> yaml = packFiles(".yaml");
        assertTrue(yaml.size() >= 3, "pack.yaml, parameters.yaml and tests of the example packs, found " + yaml);
        return yaml.stream();
    }

    private static List<Path> packFiles(String ending) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("packs"))) {
            return files.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void theSubmissionPassesTheSchema(Path file) throws IOException {
        assertEquals(List.of(), SUBMISSION.json(Files.readString(file)), file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packYaml")
    void thePackFileNamesItsSchema_andPassesIt(Path file) throws IOException {
        assertEquals(List.of(), JsonSchemas.packFile(file, Path.of("../rules/schema")));
    }
}
