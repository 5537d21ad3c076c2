package org.safecounty.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.cli.SafecountyCommand;
import picocli.CommandLine;

/** The batch report shows, for a county assessed in several years, each task's change year over year. */
class ReportTrendsTest {

    static final Path BASE = Path.of("../rules/hebei-fds-county-2014/tests/base-county.json");

    @Test
    void aCountyAssessedInTwoYearsGetsItsChangePerTask(@TempDir Path dir) throws IOException {
        JsonMapper json = new JsonMapper();
        ObjectNode y2014 = (ObjectNode) json.readTree(BASE.toFile());          // total 100
        ObjectNode y2015 = y2014.deepCopy();
        ((ObjectNode) y2015.get("assessment")).put("year", 2015).put("date", "2015-11-20");
        for (JsonNode item : y2015.get("evidence")) {
            ((ObjectNode) item).put("date", LocalDate.parse(item.get("date").asText()).plusYears(1).toString());
            if (item.get("key").asText().equals("org.assessment_weight_pct")) {
                ((ObjectNode) item).put("value", 4);                            // T1.2: 4 ≥ 3 → 1.5 (−1.5)
            }
        }
        for (JsonNode inc : y2015.get("incidents")) {
            ((ObjectNode) inc).put("date", LocalDate.parse(inc.get("date").asText()).plusYears(1).toString());
        }
        Path a = dir.resolve("luancheng-2014.json");
        Path b = dir.resolve("luancheng-2015.json");
        Files.writeString(a, y2014.toString());
        Files.writeString(b, y2015.toString());
        Path out = dir.resolve("report");
        StringWriter sink = new StringWriter();
        CommandLine cli = SafecountyCommand.commandLine();
        cli.setOut(new PrintWriter(sink));
        cli.setErr(new PrintWriter(sink));
        assertEquals(0, cli.execute("report", "--out", out.toString(), a.toString(), b.toString()), sink.toString());
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("<table id=\"trends\">"), index);
        // T1 12 → 10.5, every other task unchanged, total 100 → 98.5
        assertTrue(index.contains("<td>130111 栾城区</td><td>2014 → 2015</td><td>T1 -1.5  T2 0  T3 0  T4 0  T5 0  T6 0  T7 0</td>"
                + "<td class=\"num\">-1.5</td>"), index);
    }
}
