package org.safecounty.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.PackPolicy;
import org.safecounty.RulePack;
import org.safecounty.cli.workbench.StandardDocument;
import org.safecounty.cli.workbench.Workbench;
import org.safecounty.internal.pack.PackFiles;

/**
 * The scoring sheet of the 2014 pack under a draft that raises V2 to 75, checked against the pack's
 * files as written: V2's rule is in rules/vetoes.drl at line 19 and reads V2.satisfaction_min; T7.1
 * is a key item of 5 points scored by bands 80/75/70 → 5/4/3; the draft's figure is marked.
 */
class StandardDocumentTest {

    @TempDir
    static Path dir;
    static StandardDocument.ScoringSheet sheet;

    @BeforeAll
    static void draft() throws IOException {
        PackFiles own = PackFiles.fromClasspath("hebei-fds-county-2014", RulePack.class.getClassLoader()).orElseThrow();
        Workbench bench = new Workbench(RulePack.load(own), own, Map.of(), Files.createDirectories(dir.resolve("ws")).toRealPath(),
                PackPolicy.any());
        bench.setDraft(new Workbench.Draft(Map.of("V2.satisfaction_min", new Workbench.Change(BigDecimal.valueOf(75), null)),
                Map.of()));
        sheet = bench.document();
    }

    static StandardDocument.Line line(String id) {
        return sheet.lines().stream().filter(l -> l.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void veto_namesItsRuleWhereItIsWrittenAndTheDraftsFigure() {
        StandardDocument.Line v2 = line("V2");
        assertEquals("veto", v2.kind());
        assertEquals("rules/vetoes.drl:19", v2.where());
        assertEquals("V2 群众满意度不达标 Public satisfaction below the minimum", v2.rule());
        assertEquals(List.of("V2.satisfaction_min = 75 *"), v2.parameters());
        assertFalse(v2.tests().isEmpty(), "cases that expect V2");
    }

    @Test
    void indicator_showsItsMaximumKeyItemAndBands() {
        StandardDocument.Line t71 = line("T7.1");
        assertEquals("5", t71.max());
        assertTrue(t71.keyItem());
        assertTrue(t71.where().startsWith("rules/t7-cogovernance.drl:"), t71.where());
        assertTrue(t71.parameters().contains("T7.1.bands = ≥ 80 → 5, ≥ 75 → 4, ≥ 70 → 3"), t71.parameters().toString());
    }

    @Test
    void everyIndicatorBonusItemAndVeto_hasItsRule() {
        sheet.lines().stream().filter(l -> !l.kind().equals("task") && !l.kind().equals("rule"))
                .forEach(l -> assertFalse(l.where().isEmpty(), l.id() + " has a rule"));
        assertEquals(List.of("EXCELLENT", "PASS", "FAIL", "VETOED", "INCOMPLETE"),
                sheet.verdicts().stream().map(v -> v.code()).toList());
    }

    @Test
    void markdownAndXlsx_holdTheSameLines() throws IOException {
        String md = StandardDocument.markdown(sheet);
        assertTrue(md.contains("| 否决项 veto | V2 | 群众满意度不达标"), md);
        assertTrue(md.contains("`rules/vetoes.drl:19`"), md);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(StandardDocument.xlsx(sheet)))) {
            Sheet items = book.getSheetAt(0);
            Row v2 = null;
            for (Row r : items) {
                if (r.getCell(1) != null && r.getCell(1).getStringCellValue().equals("V2")) {
                    v2 = r;
                }
            }
            assertEquals("rules/vetoes.drl:19", v2.getCell(7).getStringCellValue());
            assertEquals("V2.satisfaction_min = 75 *", v2.getCell(8).getStringCellValue());
            Row t71 = null;
            for (Row r : items) {
                if (r.getCell(1) != null && r.getCell(1).getStringCellValue().equals("T7.1")) {
                    t71 = r;
                }
            }
            assertEquals(5.0, t71.getCell(4).getNumericCellValue());
            assertEquals(sheet.lines().size() + 2, items.getPhysicalNumberOfRows(), "title, header, one row a line");
        }
    }
}
