package org.safecounty.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.internal.validation.SubmissionReader;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;
import org.safecounty.submission.EvidenceItem;
import org.safecounty.submission.Submission;

/** What the fuzz tests found, pinned with exact expectations (the corpus only checks "no exception"). */
class FuzzFindingsTest {

    private static final String INPUTS = "/org/safecounty/fuzz/";

    @Test
    void read_exponentBeyondIntRange_isSyntaxProblemNotNumberFormatException() {
        // Jackson threw NumberFormatException ("Exponent overflow") out of readTree
        SubmissionReader.Read read = new SubmissionReader().read("{\"county\": {\"population\": 1E+2147484637}}",
                id -> Optional.empty());
        assertEquals(List.of("$ SYNTAX"), codes(read.problems()));
        Outcome outcome = MiniPack.assessor().assess(resource(
                "SubmissionReaderFuzzTestInputs/anyText/found-exponent-overflow.json"));
        assertEquals(List.of("$ SYNTAX"), codes(assertInstanceOf(Outcome.Rejected.class, outcome).problems()));
    }

    @Test
    void read_blankFieldNames_haveBracketedNonEmptyPaths() {
        // a root field "" gave a problem with an empty path
        SubmissionReader.Read read = new SubmissionReader().read(resource(
                "SubmissionReaderFuzzTestInputs/anyText/blank-field-names.json"), id -> Optional.empty());
        List<String> codes = codes(read.problems());
        assertTrue(codes.containsAll(List.of("$[\"\"] UNKNOWN_FIELD", "$[\" \"] UNKNOWN_FIELD",
                "county[\"\"] UNKNOWN_FIELD", "evidence[0][\"\t\"] UNKNOWN_FIELD")), codes.toString());
        assertTrue(read.problems().stream().noneMatch(p -> p.path().isBlank()), codes.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.checks=1e999999999", "a.hours=1E+2147483000", "s.score=1e-999999999",
            "a.hours=0.0000000000000000000000000000001"})
    void assess_numberWithTooManyDigits_isOutOfRangeNotOutOfMemory(String edit) {
        // rules write readings out in full (toPlainString): 1e999999999 ran the JVM out of memory
        String key = edit.substring(0, edit.indexOf('='));
        BigDecimal value = new BigDecimal(edit.substring(edit.indexOf('=') + 1));
        var s = MiniPack.set(MiniPack.base(), key, value);
        assertEquals(List.of("evidence[" + MiniPack.indexOf(s, key) + "].value OUT_OF_RANGE"),
                codes(MiniPack.reject(s)));
    }

    @Test
    void assessSubmission_numberWithTooManyDigits_isOutOfRange() {
        Submission read = new SubmissionReader().read(MiniPack.json(MiniPack.base()),
                id -> Optional.of(MiniPack.pack().catalogue().keys())).submission().orElseThrow();
        List<EvidenceItem> evidence = new ArrayList<>(read.evidence());
        EvidenceItem first = evidence.get(0);
        evidence.set(0, new EvidenceItem(first.id(), first.key(), new BigDecimal("1e999999999"), first.date(),
                first.verified(), first.source(), first.document(), first.index()));
        Outcome outcome = MiniPack.assessor().assess(new Submission(read.county(), read.assessment(), evidence,
                read.incidents()));
        assertEquals(List.of("evidence[0].value OUT_OF_RANGE"),
                codes(assertInstanceOf(Outcome.Rejected.class, outcome).problems()));
    }

    @Test
    void read_thirtyDigitsEitherSide_isAccepted() {
        var s = MiniPack.set(MiniPack.base(), "a.hours", new BigDecimal("1" + "0".repeat(29) + "." + "1".repeat(30)));
        assertEquals(true, MiniPack.assessor().assess(MiniPack.json(s)).assessed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"throws-bad-temporal-operator.drl", "throws-event-role-in-cloud-base.drl",
            "throws-negative-position.drl", "throws-unknown-accumulate-import.drl", "throws-unknown-propagation.drl"})
    void load_ruleFileThatMakesDroolsThrow_isRuleCompileProblemNamingTheFile(String name) throws IOException {
        // each of these made KieBuilder.buildAll or KieContainer.getKieBase throw out of RulePack.load
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put("rules/fuzz.drl", resource("RuleFileFuzzTestInputs/addedFile/" + name)
                .getBytes(StandardCharsets.UTF_8));
        // the compiler itself (which verifies first): one problem naming the file, never an exception
        var compiled = new org.safecounty.internal.rules.RuleCompiler().compile(PackFiles.of("memory:fuzz", files), "mini-toy",
                new org.safecounty.internal.rules.RuleClassLoader(FuzzFindingsTest.class.getClassLoader()));
        assertFalse(compiled.problems().isEmpty());
        assertTrue(compiled.problems().stream().allMatch(p -> p.path().startsWith("rules/fuzz.drl")
                && (p.code().equals("RULE_COMPILE") || p.code().equals("SANDBOX"))), compiled.problems().toString());
        RulePackException e = assertThrows(RulePackException.class,
                () -> RulePack.load(PackFiles.of("memory:fuzz", files)));
        assertTrue(e.problems().stream().allMatch(p -> p.path().startsWith("rules/fuzz.drl")
                && (p.code().equals("RULE_COMPILE") || p.code().equals("SANDBOX"))), e.problems().toString());
    }

    private static List<String> codes(List<Problem> problems) {
        return problems.stream().map(p -> p.path() + " " + p.code()).toList();
    }

    private static String resource(String path) {
        try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(INPUTS + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
