package org.safecounty.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.testkit.JsonSchemas;

/**
 * Every sample submission ({@code samples/*.json}) and every county of the synthetic province
 * ({@code province/*.json}) passes the exchange format's schema, as the rules jar carries it.
 */
class SubmissionFilesMatchTheSchemaTest {

    private static final JsonSchemas SCHEMA = JsonSchemas.bundled("submission.schema.json");

    static Stream<Path> submissions() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path dir : List.of(Path.of("samples"), Path.of("province"))) {
            try (Stream<Path> files = Files.list(dir)) {
                all.addAll(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            }
        }
        assertTrue(all.size() > 180, "the samples and the province, found " + all.size());
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("submissions")
    void theSubmissionPassesTheSchema(Path file) throws IOException {
        assertEquals(List.of(), SCHEMA.json(Files.readString(file)), file.toString());
    }
}
