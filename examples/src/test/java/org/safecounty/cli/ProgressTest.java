package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The progress line of a long batch, on a clock the test turns. */
class ProgressTest {

    static final long MS = 1_000_000L;

    @Test
    void theLineSaysHowManyOfHowManyAndHowFast_andNothingShowsInTheFirstSecond() {
        long[] now = {0};
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), OptionalLong.empty(), () -> now[0]);
        for (int i = 0; i < 3_000; i++) {
            now[0] += MS / 10;
            p.count(true);
        }
        assertEquals("", err.toString(), "a run shorter than a second shows nothing");
        for (int i = 0; i < 9_000; i++) {
            now[0] += MS / 5;
            p.count(i % 3000 != 0);
        }
        assertEquals("已评价 assessed 12,000 / ? · 5,714/s · 拒收 rejected 3", p.line(now[0]));
        assertTrue(err.toString().startsWith("\r已评价 assessed "), err.toString());
        assertTrue(err.toString().chars().filter(c -> c == '\r').count() <= 10, "at most five times a second: " + err);
        assertTrue(!err.toString().contains("\n"), "redrawn in place");
        p.finish();
        assertTrue(err.toString().endsWith(" · 用时 took 2.1 s\n"), err.toString());
    }

    @Test
    void aKnownTotalIsShown_andClearingLeavesTheLineBlank() {
        long[] now = {0};
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), OptionalLong.of(14_250), () -> now[0]);
        now[0] = 2_000 * MS;
        p.count(true);
        String line = "已评价 assessed 1 / 14,250 · 1/s";
        assertEquals("\r" + line, err.toString());
        p.clear();
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", err.toString());
    }

    @Test
    void noConsole_noProgress() {
        // the tests run without a terminal, as a command whose output goes to a pipe or a file does
        assertTrue(Progress.onTerminal(new PrintWriter(new StringWriter()), OptionalLong.empty()).isEmpty());
    }
}
