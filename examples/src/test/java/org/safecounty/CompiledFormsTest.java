package org.safecounty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.internal.engine.CompiledPacks;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Outcome;
import org.safecounty.result.ResultJson;

/**
 * The bundled packs load from the forms compiled into the rules jar at build time, and assess
 * exactly as the same packs compiled from their rule files: the same result JSON, byte for byte,
 * for every sample county and every county of the province (each submission is assessed with
 * both packs, its standard id set to the pack's).
 */
class CompiledFormsTest {

    private static List<Path> counties() throws IOException {
        try (Stream<Path> samples = Files.list(Path.of("samples")); Stream<Path> province = Files.list(Path.of("province"))) {
            return Stream.concat(samples, province).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String outcome(Assessor assessor, String json) {
        Outcome outcome = assessor.assess(json);
        return outcome instanceof Outcome.Assessed a ? new ResultJson().write(a.result())
                : "rejected " + ((Outcome.Rejected) outcome).problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hebei-fds-county-2014", "hebei-fds-county-2016"})
    void aBundledPack_loadsFromItsCompiledForm_andAssessesAsCompiled(String id) throws IOException {
        RulePack fromForm = RulePack.bundled(id).orElseThrow();
        assertEquals(CompiledPacks.Source.BUNDLED_FORM, fromForm.source(),
                "the rules jar holds a form of this pack compiled by this engine");
        RulePack compiled = RulePack.compiledFromSource(PackFiles.fromClasspath(id, RulePack.class.getClassLoader()).orElseThrow());
        assertEquals(CompiledPacks.Source.COMPILED, compiled.source());
        assertEquals(compiled.ruleNames(), fromForm.ruleNames());
        assertEquals(compiled.standard(), fromForm.standard());

        Assessor withForm = Assessor.of(fromForm);
        Assessor withCompiled = Assessor.of(compiled);
        List<Path> counties = counties();
        assertTrue(counties.size() > 180, "samples and province: " + counties.size());
        int assessed = 0;
        for (Path county : counties) {
            String json = Files.readString(county, StandardCharsets.UTF_8).replace("hebei-fds-county-2014", id);
            String expected = outcome(withCompiled, json);
            assertEquals(expected, outcome(withForm, json), county.toString());
            assessed += expected.startsWith("rejected") ? 0 : 1;
        }
        assertTrue(assessed > 180, "most counties get a result with " + id + ": " + assessed);
    }
}
