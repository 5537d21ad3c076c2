package org.safecounty.internal.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safecounty.facts.Band;
import org.safecounty.facts.Parameters;
import org.safecounty.internal.catalogue.CatalogueReader;
import org.safecounty.result.Problem;
import org.safecounty.submission.Mode;

class CatalogueReaderTest {

    /** Reads both files and returns the problems as "path CODE". */
    private static List<String> problems(MiniFiles mini) {
        CatalogueReader reader = new CatalogueReader();
        Parameters parameters = reader.readParameters(mini.files());
        reader.readCatalogue(mini.files(), parameters);
        for (Problem p : reader.problems()) {
            assertFalse(p.zh().isBlank() || p.en().isBlank(), p::toString);
        }
        return reader.problems().stream().map(p -> p.path() + " " + p.code()).toList();
    }

    @Test
    void readCatalogue_miniPack_readsEveryPart() {
        CatalogueReader reader = new CatalogueReader();
        PackFiles files = MiniFiles.load().files();
        Parameters parameters = reader.readParameters(files);
        PackCatalogue c = reader.readCatalogue(files, parameters);
        assertEquals(List.of(), reader.problems());
        assertEquals("mini-toy", c.id());
        assertEquals("0.1.0", c.version());
        assertEquals(2, c.scale());
        assertEquals(List.of("A", "B"), c.tasks().stream().map(TaskSpec::id).toList());
        assertEquals(List.of("A.1", "A.2", "A.3", "B.1", "B.2"), c.indicators().map(IndicatorSpec::id).toList());
        assertEquals(List.of("A.1", "B.1"), c.indicators().filter(IndicatorSpec::keyItem).map(IndicatorSpec::id).toList());
        assertEquals("B", c.indicators().filter(i -> i.id().equals("B.2")).findFirst().orElseThrow().task());
        assertEquals(0, c.tasks().get(0).max().compareTo(BigDecimal.valueOf(11)));
        assertEquals(List.of("X1"), c.bonus().stream().map(ItemSpec::id).toList());
        assertEquals(List.of("W1", "W2"), c.vetoes().stream().map(ItemSpec::id).toList());
        assertEquals(11, c.keys().size());
        assertEquals(KeyType.PERCENT, c.key("s.score").orElseThrow().type());
        assertNull(c.key("a.hours").orElseThrow().absentMeans());
        assertEquals(0, ((BigDecimal) c.key("b.violations").orElseThrow().absentMeans()).signum());
        assertEquals(Boolean.FALSE, c.key("x.bonus").orElseThrow().absentMeans());
        CountingSpec counting = c.counting();
        assertEquals(Set.of(Mode.ACCEPTANCE), counting.verifiedOnlyIn());
        assertEquals("window.years_back", counting.evidenceYearsBack());
        assertEquals("window.plan_years_back", counting.evidenceYearsBackByKey().get("a.plan"));
        assertEquals("window.incident_months", counting.incidentMonthsBack());
        assertEquals(List.of(new SurveySpec("s.respondents", "survey.min_respondents", List.of("s.score"))),
                counting.surveys());
    }

    @Test
    void readParameters_miniPack_readsNumbersBandsAndTexts() {
        Parameters p = new CatalogueReader().readParameters(MiniFiles.load().files());
        assertEquals(0, p.number("A.2.target").compareTo(BigDecimal.valueOf(25)));
        assertEquals(List.of(new Band(new BigDecimal("5"), new BigDecimal("4")), new Band(new BigDecimal("3"),
                new BigDecimal("2"))), p.bands("A.1.bands"));
        assertEquals(List.of("I"), p.texts("W1.levels"));
        assertEquals(0, p.number("key_item_floor").compareTo(new BigDecimal("0.5")));
    }

    @Test
    void readCatalogue_unknownFieldInIndicator_namesItsYamlPath() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "{ id: B.1, max: 6,", "{ id: B.1, colour: red, max: 6,");
        assertEquals(List.of("pack.yaml:34: tasks[1].indicators[0].colour PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_unknownTopLevelField_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "decimals: 2", "decimals: 2\nroundTo: HALF_UP");
        assertEquals(List.of("pack.yaml:8: roundTo PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_unknownFieldInKey_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "a.hours:       { type: NUMBER,",
                "a.hours:       { type: NUMBER, unit: h,");
        assertEquals(List.of("pack.yaml:46: keys.a.hours.unit PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_unknownKeyType_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "a.hours:       { type: NUMBER,",
                "a.hours:       { type: DECIMAL,");
        assertEquals(List.of("pack.yaml:46: keys.a.hours.type PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_countingNamesBandsParameter_isWrongKind() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "evidenceYearsBack: window.years_back",
                "evidenceYearsBack: A.1.bands");
        assertEquals(List.of("pack.yaml:11: counting.evidenceYearsBack PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_countingNamesUnknownParameter_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "minimumRespondents: survey.min_respondents",
                "minimumRespondents: survey.nothing");
        assertEquals(List.of("pack.yaml:17: counting.surveys[0].minimumRespondents PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_surveyNamesUnknownKey_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "keys: [s.score]", "keys: [s.score, s.nothing]");
        assertEquals(List.of("pack.yaml:18: counting.surveys[0].keys PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_unknownMode_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "verifiedOnlyIn: [ACCEPTANCE]",
                "verifiedOnlyIn: [ACCEPTANCE, AUDIT]");
        assertEquals(List.of("pack.yaml:10: counting.verifiedOnlyIn PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_indicatorMaxNotANumber_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "{ id: A.2, max: 3,", "{ id: A.2, max: three,");
        assertEquals(List.of("pack.yaml:27: tasks[0].indicators[1].max PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_missingId_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("pack.yaml", "id: mini-toy\n", "");
        assertEquals(List.of("pack.yaml: id PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readCatalogue_noPackYaml_isPackFileMissing() {
        CatalogueReader reader = new CatalogueReader();
        PackFiles files = MiniFiles.load().remove("pack.yaml").files();
        assertNull(reader.readCatalogue(files, reader.readParameters(files)));
        assertEquals(List.of("pack.yaml PACK_FILE_MISSING"),
                reader.problems().stream().map(p -> p.path() + " " + p.code()).toList());
    }

    @Test
    void readCatalogue_yamlSyntaxError_namesFileAndLine() {
        // line 3 opens a flow mapping that never closes
        MiniFiles mini = MiniFiles.load().put("pack.yaml", "id: x\nversion: 1\nzh: { a: b\n");
        List<String> problems = problems(mini);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches("pack\\.yaml:\\d+ PACK_SYNTAX"), problems.toString());
    }

    @Test
    void readParameters_unknownField_namesIt() {
        MiniFiles mini = MiniFiles.load().replace("parameters.yaml",
                "A.2.points:  { zh: 学时满分,", "A.2.points:  { unit: h, zh: 学时满分,");
        assertEquals(List.of("parameters.yaml:26: A.2.points.unit PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readParameters_twoKinds_namesTheParameter() {
        MiniFiles mini = MiniFiles.load().replace("parameters.yaml", "ref: \"§6\", value: 50 }",
                "ref: \"§6\", value: 50, values: [a] }");
        assertEquals(List.of("parameters.yaml:49: W2.min PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readParameters_bandsNotHighestFirst_namesTheBand() {
        MiniFiles mini = MiniFiles.load().replace("parameters.yaml", "- { atLeast: 3, points: 2 }",
                "- { atLeast: 6, points: 2 }");
        assertEquals(List.of("parameters.yaml:25: A.1.bands.bands[1] PACK_CATALOGUE"), problems(mini));
    }

    @Test
    void readParameters_noParametersYaml_reportsItAndEveryCountingParameter() {
        List<String> problems = problems(MiniFiles.load().remove("parameters.yaml"));
        assertEquals(List.of("parameters.yaml PACK_FILE_MISSING",
                "pack.yaml:11: counting.evidenceYearsBack PACK_CATALOGUE",
                "pack.yaml:13: counting.evidenceYearsBackByKey.a.plan PACK_CATALOGUE",
                "pack.yaml:14: counting.incidentMonthsBack PACK_CATALOGUE",
                "pack.yaml:17: counting.surveys[0].minimumRespondents PACK_CATALOGUE"), problems);
    }
}
