package org.safecounty.internal.report.template;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.safecounty.Assessor;
import org.safecounty.RulePack;
import org.safecounty.internal.report.Lang;
import org.safecounty.internal.report.ReportEntry;
import org.safecounty.internal.report.ReportModels;
import org.safecounty.result.Outcome;

/**
 * The limits of a rendering ({@link Budget}) leave the default templates far below them: every
 * county page of the province data set and its overview take under a thousandth of the work a
 * page may spend, so a province's templates have room, and a template that loops without end
 * is stopped long before a person waits.
 */
class DefaultTemplatesWorkTest {

    @Test
    void theProvincePagesTakeUnderAThousandthOfTheBudget() throws IOException {
        RulePack pack = RulePack.bundled("hebei-fds-county-2014").orElseThrow();
        Assessor assessor = Assessor.of(pack);
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("province"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<ReportEntry> entries = new ArrayList<>();
        long county = 0;
        for (Path f : files) {
            Outcome o = assessor.assess(Files.readString(f));
            entries.add(new ReportEntry(f.toString(), "city " + entries.size() % 11, f.getFileName() + ".html", o));
            if (o instanceof Outcome.Assessed a) {
                var model = ReportModels.county(a.result(), pack.catalogue(), Lang.ZH, "index.html");
                county = Math.max(county, Templates.defaults().rendered("county.peb", model).work());
            }
        }
        var model = ReportModels.overview("province", entries, pack.catalogue(), Lang.ZH);
        long overview = Templates.defaults().rendered("overview.peb", model).work();
        assertTrue(county > 0 && county < Budget.MAX_WORK / 1000, "a county page takes " + county);
        assertTrue(overview > 0 && overview < Budget.MAX_WORK / 1000, "the overview of 172 counties takes " + overview);
    }
}
