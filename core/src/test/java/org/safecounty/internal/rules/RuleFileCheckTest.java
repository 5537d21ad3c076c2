package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.internal.pack.PackFiles;

/** Names rules use, checked against the mini pack's catalogue and parameters. */
class RuleFileCheckTest {

    private static List<String> check(String drl) {
        RulePack pack = MiniPack.pack();
        PackFiles files = PackFiles.of("memory", Map.of("rules/r.drl", drl.getBytes(StandardCharsets.UTF_8)));
        return new RuleFileCheck().check(files, pack.catalogue(), pack.parameters()).stream()
                .map(p -> p.path() + " " + p.code()).toList();
    }

    @Test
    void check_knownNames_noProblem() {
        assertEquals(List.of(), check("x\n$i.value(\"a.hours\") params.number(\"A.2.points\") params.bands(\"A.1.bands\")"
                + " params.texts(\"W1.levels\") $i.flag(\"a.plan\")\n"));
    }

    @Test
    void check_twoUnknownNamesOnOneLine_bothReportedAtThatLine() {
        assertEquals(List.of("rules/r.drl:3 UNKNOWN_PARAMETER", "rules/r.drl:3 UNKNOWN_PARAMETER"),
                check("a\nb\nparams.number(\"p1\") + params.number( \"p2\" )\n"));
    }

    @Test
    void check_eachKindMismatch_isParameterKind() {
        assertEquals(List.of("rules/r.drl:1 PARAMETER_KIND", "rules/r.drl:2 PARAMETER_KIND",
                "rules/r.drl:3 PARAMETER_KIND"), check("params.number(\"W1.levels\")\nparams.bands(\"A.2.points\")\n"
                + "params.texts(\"A.1.bands\")\n"));
    }

    @Test
    void check_unknownKeyOnWindowsLineEndings_reportedAtItsLine() {
        assertEquals(List.of("rules/r.drl:2 UNKNOWN_KEY"), check("a\r\n$v.value(\"b.nothing\")\r\nc\r\n"));
    }

    @Test
    void check_commentLine_isIgnored() {
        assertEquals(List.of(), check("   // params.number(\"nope\") $i.value(\"no.key\")\n"));
    }
}
