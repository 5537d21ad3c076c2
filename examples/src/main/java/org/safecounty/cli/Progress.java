package org.safecounty.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The progress line of a long batch, on standard error, redrawn in place:
 * {@code 已评价 assessed 12,000 / ? · 3,100/s}, the total where it is known beforehand and the
 * rejected ones once there are any. Shown only on a terminal ({@link #onTerminal}), first after a
 * second and then at most five times a second; it ends as a line of its own with the time taken.
 */
final class Progress {

    private static final long SECOND = 1_000_000_000L;

    private final PrintWriter err;
    private final OptionalLong total;
    private final LongSupplier nanos;
    private final long start;
    private long drawn;
    private int width;
    private long done;
    private long rejected;

    Progress(PrintWriter err, OptionalLong total, LongSupplier nanos) {
        this.err = err;
        this.total = total;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.drawn = start;
    }

    /**
     * A progress line on {@code err} when the command runs on a terminal: {@link System#console()}
     * is there (on JDK 17 only when standard input and output are both a terminal, so never when
     * the output goes to a pipe or a file) and, where Linux tells, standard error is a terminal too.
     */
    static Optional<Progress> onTerminal(PrintWriter err, OptionalLong total) {
        return terminal() ? Optional.of(new Progress(err, total, System::nanoTime)) : Optional.empty();
    }

    /** One more submission handed on. */
    void count(boolean assessed) {
        done++;
        if (!assessed) {
            rejected++;
        }
        long now = nanos.getAsLong();
        if (now - start >= SECOND && now - drawn >= SECOND / 5) {
            drawn = now;
            draw(line(now));
        }
    }

    /** Takes the line off the screen, before other output is written there. */
    void clear() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    /** The last line, left on the screen, if the run was long enough to show one. */
    void finish() {
        long now = nanos.getAsLong();
        if (now - start >= SECOND) {
            draw(line(now) + String.format(Locale.ROOT, " · 用时 took %.1f s", (now - start) / (double) SECOND));
            err.println();
            err.flush();
            width = 0;
        }
    }

    /** The line as it stands at {@code now}. */
    String line(long now) {
        double seconds = Math.max(now - start, 1) / (double) SECOND;
        String line = String.format(Locale.ROOT, "已评价 assessed %,d / %s · %,d/s", done,
                total.isPresent() ? String.format(Locale.ROOT, "%,d", total.getAsLong()) : "?",
                Math.round(done / seconds));
        return rejected == 0 ? line : line + String.format(Locale.ROOT, " · 拒收 rejected %,d", rejected);
    }

    private void draw(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22 and later give a console even when redirected, and say whether it is a terminal
            Method isTerminal = Console.class.getMethod("isTerminal");
            if (!Boolean.TRUE.equals(isTerminal.invoke(console))) {
                return false;
            }
        } catch (NoSuchMethodException e) {
            // JDK 17 to 21: a console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (!Files.exists(stderr, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(stderr).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
