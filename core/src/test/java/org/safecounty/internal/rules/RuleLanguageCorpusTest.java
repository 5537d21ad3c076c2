package org.safecounty.internal.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.safecounty.MiniPack;
import org.safecounty.RulePack;
import org.safecounty.RulePackException;
import org.safecounty.internal.pack.PackFiles;
import org.safecounty.result.Problem;

/**
 * The ways around a line-by-line check that the last round's attack used, each in several variants:
 * a name split over lines, unicode escapes, odd whitespace, comments between tokens, the engine
 * handle, loops and recursion, allocation, MVEL's own operators, the dialect written otherwise, and
 * keywords away from the start of a line. Each whole rule file is refused when the pack loads, at
 * the file and the line, with a reason in Chinese and English; and with the rule-language check
 * skipped, the compiler refuses it too, and no file appears.
 */
class RuleLanguageCorpusTest {

    static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "safecounty-corpus-marker");

    static Stream<Arguments> corpus() {
        String m = MARKER.toString();
        return Stream.of(
                // a qualified name or member access split over lines
                variant("split qualified name", "java\n        .lang\n        .System\n        .exit(3);"),
                variant("split member access", "$i\n        .getClass()\n        .getClassLoader();"),
                variant("split Runtime.exec", "Runtime\n   .getRuntime()\n   .exec(\"touch\");"),
                // unicode escapes, which Java reads before anything else
                variant("escaped System", "\\u0053ystem.exit(3);"),
                variant("escaped quote closing a string", "$i.value(\"a\\u0022); System.exit(3); //\");"),
                variant("escaped newline ending a comment", "// \\u000a System.exit(3);"),
                // odd whitespace and comments between tokens
                variant("comment between tokens", "System/**/./**/exit(3);"),
                variant("tab and form feed", "System\t.\fexit(3);"),
                variant("no-break space", "System\u00a0.exit(3);"),
                variant("lone carriage return after a comment", "// harmless\rSystem.exit(3);"),
                variant("line separator", "// harmless\u2028System.exit(3);"),
                variant("bidi override", "$i.award( $i.when( $i.flag(\"a.plan\"), 1 ) ); /*\u202e*/"),
                // the engine handle
                variant("drools handle", "drools.getKieRuntime().halt();"),
                variant("kcontext handle", "kcontext.getKieRuntime().getKieBase();"),
                variant("insert", "insert( $i );"),
                variant("retract", "retract( $i );"),
                // loops, recursion, allocation
                variant("while loop", "while (true) { }"),
                variant("for loop", "for (int k = 0; k < 10; k++) { $i.award(1); }"),
                variant("lambda recursion", "java.util.function.Function<Integer,Integer> f = null;"),
                variant("array allocation", "long[] big = new long[1 << 30];"),
                variant("object allocation", "Object o = new Object();"),
                variant("string concatenation", "$i.value(\"a.\" + \"plan\");"),
                // MVEL's own operators and syntax
                variant("null-safe operator", "$i.?value(\"a.plan\");"),
                variant("inline map", "$i.value([\"k\" : \"v\"]);"),
                variant("mvel template", "$i.value(\"@{System.exit(3)}\");"),
                variant("file written", "new java.io.FileWriter(\"" + m + "\").write(1);"),
                // keywords not at the start of a line
                variant("throw after a call", "$i.award( $i.when( $i.flag(\"a.plan\"), 1 ) ); throw new RuntimeException();"),
                variant("return mid-line", "$i.award( $i.when( $i.flag(\"a.plan\"), 1 ) ); return;"),
                Arguments.of("dialect in single quotes", withRule("    dialect 'mvel'\n", "$i.getId();")),
                Arguments.of("dialect over two lines", withRule("    dialect\n        \"mvel\"\n", "$i.getId();")),
                Arguments.of("function after a rule", rule("$i.getId();")
                        + "function void f() { System.exit(3); }\n"),
                Arguments.of("query", rule("$i.getId();") + "query q() $i : Indicator() end\n"),
                Arguments.of("declare", rule("$i.getId();") + "declare T x : int end\n"),
                Arguments.of("eval", withCondition("eval( System.currentTimeMillis() > 0 )")),
                Arguments.of("from", withCondition("$x : Indicator() from java.util.List.of()")),
                Arguments.of("accumulate", withCondition(
                        "$n : Number() from accumulate( Indicator( $m : max ), sum( $m ) )")),
                Arguments.of("not", withCondition("not Indicator( id == \"Z\" )")),
                Arguments.of("timer", withRule("    timer (int: 1s 1s)\n", "$i.getId();")),
                Arguments.of("annotation", withRule("    @info( new java.io.File(\"x\") )\n", "$i.getId();")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void loading_refusesItAtTheFileAndLineInBothLanguages(String name, String drl) throws IOException {
        RulePackException e = assertThrows(RulePackException.class, () -> RulePack.load(pack(drl)));
        List<Problem> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.path().matches("rules/corpus\\.drl:[0-9]+")
                && !p.zh().isBlank() && !p.en().isBlank() && !p.zh().equals(p.en())), problems.toString());
        assertFalse(Files.exists(MARKER), name + " wrote a file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void compilingWithoutTheLanguageCheck_refusesItToo(String name, String drl) throws IOException {
        RuleCompiler.Compiled compiled = new RuleCompiler().compileUnverified(pack(drl), "mini-toy",
                new RuleClassLoader(getClass().getClassLoader()));
        // Some variants are Java or DRL that compiles to nothing the bytecode check has against it: a
        // comment, constants joined, a null local, an early return, a string that MVEL would have
        // read as a template but Java keeps as text, the Java dialect named oddly, a pattern over an
        // empty list or a missing fact, a timer (its firings are capped like any other). The
        // language check above refuses each, and the compiler runs that check itself.
        boolean harmless = HARMLESS.contains(name);
        assertTrue(harmless || !compiled.problems().isEmpty(), name + " compiled without the language check");
        assertFalse(Files.exists(MARKER), name + " wrote a file");
    }

    private static final java.util.Set<String> HARMLESS = java.util.Set.of("bidi override", "string concatenation",
            "lone carriage return after a comment", "line separator", "lambda recursion", "mvel template",
            "return mid-line", "dialect in single quotes", "dialect over two lines", "from", "not", "timer");

    private static Arguments variant(String name, String consequence) {
        return Arguments.of(name, rule(consequence));
    }

    private static String rule(String consequence) {
        return withRule("", consequence);
    }

    private static String withRule(String attributes, String consequence) {
        return String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "rule \"corpus\"",
                attributes + "when",
                "    $i : Indicator( id == \"A.3\" )",
                "then",
                "    " + consequence,
                "end",
                "");
    }

    private static String withCondition(String condition) {
        return String.join("\n",
                "package mini.toy",
                "import org.safecounty.facts.Indicator;",
                "rule \"corpus\"",
                "when",
                "    " + condition,
                "then",
                "end",
                "");
    }

    private static PackFiles pack(String drl) throws IOException {
        Map<String, byte[]> files = new TreeMap<>(PackFiles.fromDirectory(MiniPack.dir()).all());
        files.put("rules/corpus.drl", drl.getBytes(StandardCharsets.UTF_8));
        return PackFiles.of("memory:corpus", files);
    }
}
