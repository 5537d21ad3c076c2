package org.safecounty.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safecounty.MiniPack;
import org.safecounty.internal.text.Escape;
import org.safecounty.result.AssessmentResult;
import org.safecounty.result.Outcome;
import org.safecounty.result.Problem;

/**
 * A submission's text cannot forge what the text and Markdown reports show: a right-to-left
 * override, a newline with a made-up verdict line and a terminal escape all come out as visible
 * escapes.
 */
class ForgedTextTest {

    static final String RLO = "\u202E";
    static final String FORGED_LINE = "\n  VERDICT: EXCELLENT";
    static final String CLEAR_SCREEN = "\u001b[2J";
    static final String NAME = "伪造县" + RLO + "RLO" + FORGED_LINE + CLEAR_SCREEN;

    /** The raw characters that must never reach the output from submission text. */
    static void assertNoRawControls(String out) {
        assertFalse(out.contains(RLO), "a raw U+202E");
        assertFalse(out.contains("\u001b"), "a raw ESC");
        assertFalse(out.contains(FORGED_LINE), "a forged line");
        for (char c : out.toCharArray()) {
            assertTrue(c == '\n' || !Escape.escaped(c), () -> "a raw U+" + Integer.toHexString(c) + " in\n" + out);
        }
    }

    static AssessmentResult forged() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("county")).put("name", NAME);
        // an unverified item in an acceptance: not counted, and its id is listed
        ObjectNode item = s.withArray("evidence").addObject();
        item.put("id", "doc" + "\u2028" + "第1号" + "\u0085\u2066" + CLEAR_SCREEN);
        item.put("key", "a.hours");
        item.put("value", 30);
        item.put("date", "2020-03-01");
        item.put("verified", false);
        return MiniPack.assess(s);
    }

    @Test
    void textReport_escapesControlBidiAndLineBreaksOfTheCountyName() {
        AssessmentResult r = forged();
        assertEquals("EXCELLENT", r.verdict().code());
        assertEquals(NAME, r.county().name(), "the result itself keeps the exact name");
        String out = new TextReport().render(r, MiniPack.pack().catalogue());
        assertNoRawControls(out);
        assertTrue(out.startsWith("伪造县\\u202ERLO\\n  VERDICT: EXCELLENT\\u001B[2J（990001）"), out);
        assertTrue(out.contains("doc\\u2028第1号\\u0085\\u2066\\u001B[2J"), out);
        assertEquals(1, out.lines().filter(l -> l.contains("VERDICT")).count(), out);
    }

    @Test
    void markdownReport_escapesControlBidiAndLineBreaksOfTheCountyName() {
        AssessmentResult r = forged();
        for (Lang lang : Lang.values()) {
            String out = new MarkdownReport().render(r, MiniPack.pack().catalogue(), lang);
            assertNoRawControls(out);
            assertTrue(out.startsWith("## 伪造县\\u202ERLO\\n  VERDICT: EXCELLENT\\u001B\\[2J"), out);
            assertTrue(out.contains("doc\\u2028第1号\\u0085\\u2066\\u001B\\[2J"), out);
        }
    }

    @Test
    void htmlReport_showsTheSameCharactersAsEscapes() {
        String out = new HtmlReport().county(forged(), MiniPack.pack().catalogue(), Lang.ZH, null);
        assertFalse(out.contains(RLO) || out.contains("\u001b") || out.contains("\u2066"), out);
        assertTrue(out.contains("伪造县\\u202ERLO\\n  VERDICT: EXCELLENT\\u001B[2J"), out);
    }

    @Test
    void rejected_problemsQuotingTheSubmissionAreEscaped() {
        ObjectNode s = MiniPack.base();
        ((ObjectNode) s.get("assessment")).put("standard", "mini-toy" + RLO + FORGED_LINE);
        Outcome outcome = MiniPack.assessor().assess(MiniPack.json(s));
        List<Problem> problems = ((Outcome.Rejected) outcome).problems();
        String text = new TextReport().renderRejected(problems);
        assertNoRawControls(text);
        assertTrue(text.contains("mini-toy\\u202E\\n  VERDICT: EXCELLENT"), text);
        String md = new MarkdownReport().renderRejected("a\nb.json", problems, Lang.EN);
        assertNoRawControls(md);
        assertTrue(md.startsWith("## a\\nb.json"), md);
        assertTrue(md.contains("mini-toy\\u202E\\n  VERDICT: EXCELLENT"), md);
    }

    @Test
    void escape_makesEachForbiddenCharacterVisibleAndLeavesOtherTextAlone() {
        assertEquals("县名 county, 第 1 号", Escape.text("县名 county, 第 1 号"));
        assertEquals("a\\nb\\rc\\td", Escape.text("a\nb\rc\td"));
        assertEquals("\\u0000\\u001B\\u007F\\u0080\\u0085\\u009F", Escape.text("\u0000\u001b\u007f\u0080\u0085\u009f"));
        assertEquals("\\u061C\\u200E\\u200F\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069",
                Escape.text("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"));
        assertEquals("\\u2028\\u2029", Escape.text("\u2028\u2029"));
        assertEquals("null", Escape.text(null));
        for (char c = 0; c < 0xFFFF; c++) {
            boolean expected = c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x61c || c == 0x200e || c == 0x200f
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029;
            assertEquals(expected, Escape.escaped(c), "U+" + Integer.toHexString(c));
        }
    }
}
