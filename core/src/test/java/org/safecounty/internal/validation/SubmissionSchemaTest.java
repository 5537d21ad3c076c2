package org.safecounty.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.testkit.Defect;
import org.safecounty.testkit.Draws;
import org.safecounty.testkit.InvalidSubmission;
import org.safecounty.testkit.JsonSchemas;
import org.safecounty.testkit.SubmissionGenerator;

/**
 * The exchange format's schema travels in the core jar as the one file kept in rules/schema/, and
 * agrees with the reader: it refuses no submission the reader accepts, and catches every defect
 * that needs no key catalogue to see.
 */
class SubmissionSchemaTest {

    private static final JsonSchemas SCHEMA = JsonSchemas.fromClasspath(SubmissionReader.SCHEMA);

    /** The defects a schema can see without the standard's key catalogue. */
    private static final Set<Defect> VISIBLE = EnumSet.of(Defect.UNKNOWN_FIELD, Defect.UNKNOWN_TOP_LEVEL_FIELD,
            Defect.NEGATIVE_NUMBER, Defect.BAD_DATE, Defect.UNKNOWN_MODE, Defect.ZERO_POPULATION,
            Defect.BAD_INCIDENT_LEVEL);

    private final SubmissionGenerator generator = new SubmissionGenerator(MiniPack.pack(),
            new SubmissionGenerator.Options(2020, List.of()));

    @Test
    void theJarCarriesTheSchemaOfRulesSchema_asItIs() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SubmissionReader.SCHEMA)) {
            assertEquals(Files.readString(Path.of("../rules/schema/submission.schema.json")),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void everySubmissionTheReaderAccepts_passesTheSchema() {
        for (long seed = 0; seed < 300; seed++) {
            String json = generator.valid(Draws.seeded(seed)).toString();
            assertEquals(List.of(), SCHEMA.json(json), json);
        }
    }

    @Test
    void everyDefectThatNeedsNoKeyCatalogue_isCaughtByTheSchemaToo() {
        Set<Defect> seen = EnumSet.noneOf(Defect.class);
        for (long seed = 0; seed < 600; seed++) {
            InvalidSubmission bad = generator.invalid(Draws.seeded(seed));
            if (VISIBLE.contains(bad.defect())) {
                seen.add(bad.defect());
                assertFalse(SCHEMA.json(bad.submission().toString()).isEmpty(), bad.defect() + ": " + bad.submission());
            }
        }
        assertEquals(VISIBLE, seen);
    }
}
