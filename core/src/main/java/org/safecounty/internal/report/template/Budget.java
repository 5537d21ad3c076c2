package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.Collection;
import java.util.Map;

/**
 * What one rendering may spend, so that a template that loops or recurses without end fails in a
 * second instead of hanging: a count of work (each loop iteration, each macro call, include and
 * block, and each value a filter, function or {@code ~} makes, a long text or list counting for
 * more) and a depth of nested macro calls, includes and blocks. One per rendering, on the thread
 * that renders ({@link Templates#render}).
 */
final class Budget {

    /** Work units one page may spend; the province overview of 172 counties takes about 40,000. */
    static final long MAX_WORK = 5_000_000;

    /** Nested macro calls, includes, blocks and loops; the default templates nest fewer than 10. */
    static final int MAX_DEPTH = 100;

    /** Characters of one text a template makes (with {@code ~}, {@code +} or a filter). */
    static final int MAX_TEXT = 1 << 20;

    /** Elements of one list or map a template makes (with a filter or a literal). */
    static final int MAX_ITEMS = 100_000;

    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    private long work;
    private int depth;

    private Budget() {
    }

    /** Runs {@code rendering} with a fresh budget on this thread. */
    static <T> T with(java.util.function.Supplier<T> rendering) {
        Budget outer = CURRENT.get();
        CURRENT.set(new Budget());
        try {
            return rendering.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private static Budget current(String file, int line) {
        Budget b = CURRENT.get();
        if (b == null) {
            throw new PebbleException(null, "a report template is rendered only through Templates.render", line, file);
        }
        return b;
    }

    /** One step into a loop iteration, a macro, an include or a block. */
    static void enter(String file, int line) {
        Budget b = current(file, line);
        b.spend(1, file, line);
        if (++b.depth > MAX_DEPTH) {
            b.depth = 0;
            throw new PebbleException(null, "templates nest deeper than " + MAX_DEPTH
                    + " (macros, includes or blocks that call themselves?) / 模板嵌套超过 " + MAX_DEPTH + " 层", line, file);
        }
    }

    static void exit() {
        Budget b = CURRENT.get();
        if (b != null && b.depth > 0) {
            b.depth--;
        }
    }

    /**
     * Charges a value a template made, by its size, and refuses one over the limits. Returns it.
     */
    static <T> T made(T value, String file, int line) {
        Budget b = current(file, line);
        long size = 0;
        if (value instanceof CharSequence s) {
            if (s.length() > MAX_TEXT) {
                throw new PebbleException(null, "a text made in the template is longer than " + MAX_TEXT
                        + " characters / 模板中生成的文本超过 " + MAX_TEXT + " 个字符", line, file);
            }
            size = s.length() / 64;
        } else if (value instanceof Collection<?> c) {
            size = checkItems(c.size(), file, line);
        } else if (value instanceof Map<?, ?> m) {
            size = checkItems(m.size(), file, line);
        }
        b.spend(1 + size, file, line);
        return value;
    }

    private static long checkItems(int n, String file, int line) {
        if (n > MAX_ITEMS) {
            throw new PebbleException(null, "a list made in the template has more than " + MAX_ITEMS
                    + " elements / 模板中生成的列表超过 " + MAX_ITEMS + " 项", line, file);
        }
        return n;
    }

    private void spend(long units, String file, int line) {
        work += units;
        if (work > MAX_WORK) {
            throw new PebbleException(null, "rendering takes more than " + MAX_WORK
                    + " steps (a loop or recursion without end?) / 渲染超过 " + MAX_WORK + " 步（循环或递归过多？）", line, file);
        }
    }

    /** Work spent so far on this thread's rendering. */
    static long spent() {
        Budget b = CURRENT.get();
        return b == null ? 0 : b.work;
    }
}
