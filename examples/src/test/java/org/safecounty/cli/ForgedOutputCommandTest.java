package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safecounty.internal.text.Escape;

/**
 * What {@code assess} prints cannot be forged by a submission: a county name (or a file name)
 * holding a right-to-left override, a newline with a made-up verdict line, or a terminal escape
 * is shown escaped in text and Markdown, and kept exactly in JSON.
 */
class ForgedOutputCommandTest {

    static final String NAME = "伪造县\u202E\n  VERDICT: EXCELLENT\u001b[2J";
    static final String SHOWN = "伪造县\\u202E\\n  VERDICT: EXCELLENT\\u001B[2J";

    static Path forged(Path dir, String fileName) throws IOException {
        JsonMapper json = new JsonMapper();
        ObjectNode s = (ObjectNode) json.readTree(Files.readString(Path.of(AssessCommandTest.VETOED)));
        ((ObjectNode) s.get("county")).put("name", NAME);
        ((ObjectNode) s.get("county")).put("city", "沧州市\u2067");
        return Files.writeString(dir.resolve(fileName), json.writeValueAsString(s));
    }

    static void assertNoRawControls(String out) {
        assertFalse(out.contains("\u202E") || out.contains("\u001b") || out.contains("\u2067"), out);
        assertFalse(out.contains("\n  VERDICT: EXCELLENT"), out);
        for (char c : out.toCharArray()) {
            assertTrue(c == '\n' || !Escape.escaped(c), () -> "a raw U+" + Integer.toHexString(c) + " in\n" + out);
        }
    }

    @Test
    void text_showsTheNameEscapedInTheReportAndTheSummary(@TempDir Path dir) throws IOException {
        Path file = forged(dir, "forged.json");
        CliRun run = CliRun.of("assess", file.toString());
        assertEquals(0, run.status(), run.err());
        assertNoRawControls(run.out());
        assertTrue(run.out().contains(SHOWN + "（"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains(SHOWN) && l.contains("VETOED") && l.contains("forged.json")),
                "the summary line: " + run.out());
        assertEquals(0, run.out().lines().filter(l -> l.strip().startsWith("VERDICT")).count(), run.out());
    }

    @Test
    void markdown_showsTheNameEscaped(@TempDir Path dir) throws IOException {
        Path file = forged(dir, "forged.json");
        for (String lang : new String[] {"zh", "en"}) {
            CliRun run = CliRun.of("assess", "--format", "markdown", "--lang", lang, file.toString());
            assertEquals(0, run.status(), run.err());
            assertNoRawControls(run.out());
            assertTrue(run.out().startsWith("## 伪造县\\u202E\\n  VERDICT: EXCELLENT\\u001B\\[2J"), run.out());
        }
    }

    @Test
    void json_keepsTheExactName(@TempDir Path dir) throws IOException {
        Path file = forged(dir, "forged.json");
        CliRun run = CliRun.of("assess", "--format", "json", file.toString());
        assertEquals(NAME, new JsonMapper().readTree(run.out()).get(0).get("result").get("county").get("name").asText());
        assertFalse(run.out().contains("\u001b") || run.out().contains("\n  VERDICT"), "JSON escapes controls itself");
    }

    @Test
    void aFileNameWithANewlineOrAnOverride_isEscapedWhereverItIsEchoed(@TempDir Path dir) throws IOException {
        Path file;
        try {
            file = forged(dir, "a\u202E\nVERDICT: EXCELLENT.json");
        } catch (IOException | InvalidPathException e) {
            org.junit.jupiter.api.Assumptions.abort("this file system does not take such a name");
            return;
        }
        Path broken = Files.writeString(dir.resolve("b\u001b[2J.json"), "{");
        CliRun run = CliRun.of("assess", file.toString(), broken.toString());
        assertEquals(2, run.status(), run.err());
        assertNoRawControls(run.out());
        assertTrue(run.out().contains("a\\u202E\\nVERDICT: EXCELLENT.json"), run.out());
        assertTrue(run.out().contains("b\\u001B[2J.json"), run.out());
        CliRun md = CliRun.of("assess", "--format", "markdown", broken.toString());
        assertNoRawControls(md.out());
    }
}
