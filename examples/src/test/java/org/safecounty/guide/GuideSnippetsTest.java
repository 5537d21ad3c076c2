package org.safecounty.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guides' code cannot drift from code the build compiles and runs: every Java and XML block of
 * docs/embedding.md and of the README's embedding part names the file (and region) it is taken
 * from, and is exactly that text. The examples it names are run by {@code GuideExamplesTest} and
 * {@code EmbedderProjectTest}.
 */
class GuideSnippetsTest {

    static final Path ROOT = Path.of("..");
    static final List<Path> GUIDES = List.of(ROOT.resolve("docs/embedding.md"), ROOT.resolve("README.md"));
    /** Blocks that are code a user copies: each must be marked. Shell lines and text output need not. */
    static final Set<String> CHECKED = Set.of("java", "xml");

    @TestFactory
    Stream<DynamicTest> everyMarkedBlock_isItsSourceExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path guide : GUIDES) {
            for (Snippets.Block b : Snippets.blocks(guide)) {
                if (b.source() != null) {
                    tests.add(DynamicTest.dynamicTest(guide.getFileName() + ":" + b.line() + " " + b.source()
                            + (b.region() == null ? "" : "#" + b.region()), () -> assertEquals(Snippets.source(ROOT, b),
                            b.text(), guide + ":" + b.line() + " is not the text of " + b.source()
                                    + (b.region() == null ? "" : "#" + b.region()))));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no marked block in " + GUIDES);
        return tests.stream();
    }

    @Test
    void everyJavaAndXmlBlock_isMarkedWithItsSource() {
        List<String> unmarked = new ArrayList<>();
        for (Path guide : GUIDES) {
            for (Snippets.Block b : Snippets.blocks(guide)) {
                if (CHECKED.contains(b.language()) && b.source() == null) {
                    unmarked.add(guide + ":" + b.line() + " (```" + b.language() + ")");
                }
            }
        }
        assertEquals(List.of(), unmarked, "blocks without <!-- snippet: FILE#REGION --> before them");
    }

    /** The reader itself, on a guide and a source of its own: what the checks above rely on. */
    @Test
    void snippets_readRegionsWithoutTagLinesOrSharedIndent_andSeeUnmarkedBlocks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/A.java"), String.join("\n", "package p;", "// tag::all[]",
                "class A {", "    void f() {", "        // tag::body[]", "        int x = 1;", "", "        // tag::inner[]",
                "        x++;", "        // end::inner[]", "        // end::body[]", "    }", "}", "// end::all[]", ""));
        Files.writeString(dir.resolve("guide.md"), String.join("\n", "# guide", "<!-- snippet: src/A.java#body -->",
                "```java", "int x = 1;", "", "x++;", "```", "", "<!-- snippet: src/A.java#all -->", "", "```java",
                "class A {", "    void f() {", "        int x = 2;", "```", "", "```java", "unmarked();", "```",
                "<!-- snippet: src/A.java -->", "```java", "package p;", "```", ""));
        List<Snippets.Block> blocks = Snippets.blocks(dir.resolve("guide.md"));
        assertEquals(4, blocks.size());
        assertEquals(blocks.get(0).text(), Snippets.source(dir, blocks.get(0)), "the region, dedented, tags left out");
        assertNotEquals(blocks.get(1).text(), Snippets.source(dir, blocks.get(1)), "a block that drifted");
        assertNull(blocks.get(2).source(), "a block without a marker");
        assertNotEquals(blocks.get(3).text(), Snippets.source(dir, blocks.get(3)), "a whole file is the whole file");
        Snippets.Block missing = new Snippets.Block("java", "", 1, "src/A.java", "nothing");
        assertThrows(IllegalStateException.class, () -> Snippets.source(dir, missing));
    }
}
