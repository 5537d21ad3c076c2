package org.safecounty.internal.report.template;

import io.pebbletemplates.pebble.error.PebbleException;
import java.util.Collection;
import java.util.Map;

/**
 * What one rendering may spend, so that a template that loops or recurses without end fails in
 * seconds instead of hanging: a count of work (each loop iteration, each macro call, include and
 * block, and each value a filter, function, {@code ~} or {@code +} makes, a long text or list
 * counting for more), a depth of nested loops, macro calls, includes and blocks, the size of a
 * text or list a template makes, and as a backstop a time limit, checked at each of those steps.
 * One per rendering, on the thread that renders ({@link Templates#render}). The default templates
 * take about 1,300 units for a county's page and 3,100 for the overview of the 172 counties of
 * the province data set (DefaultTemplatesWorkTest).
 */
final class Budget {

    /** Work units one page may spend: over 1,000 times what the province overview takes. */
    static final long MAX_WORK = 5_000_000;

    /**
     * Time one page may take. Work is counted at steps; between two steps a template can compare or
     * search texts (at most {@link #MAX_TEXT} long) as often as its expressions say, uncounted, and
     * this stops that at the next step.
     */
    static final long MAX_NANOS = 20_000_000_000L;

    /** Nested macro calls, includes, blocks and loops; the default templates nest fewer than 10. */
    static final int MAX_DEPTH = 100;

    /** Characters of one text a template makes (with {@code ~}, {@code +} or a filter). */
    static final int MAX_TEXT = 1 << 18;

    /** Elements of one list or map a template makes (with a filter or a literal). */
    static final int MAX_ITEMS = 100_000;

    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();

    private final long deadline;
    private long work;
    private int depth;

    private Budget(long nanos) {
        deadline = System.nanoTime() + nanos;
    }

    /** Runs {@code rendering} with a fresh budget on this thread, of {@code nanos} at most. */
    static <T> T with(long nanos, java.util.function.Supplier<T> rendering) {
        Budget outer = CURRENT.get();
        CURRENT.set(new Budget(nanos));
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

    /**
     * Charges work a template asks for in one step that does not make a value — comparing two
     * values, looking one up in a list, sorting — by the {@link #size} of what it reads, before it
     * is done: a comparison of nested lists of long texts is refused as too many steps instead of
     * running for hours between two steps.
     */
    static void charge(String file, int line, Object... read) {
        Budget b = current(file, line);
        long cap = MAX_WORK - b.work + 1;
        long units = 0;
        for (Object o : read) {
            units += size(o, Math.max(1, cap - units));
        }
        b.spend(units, file, line);
    }

    /**
     * The work of reading a value whole: 1, plus 1 per 64 characters of a text, plus the sizes of
     * the elements of a list or the keys and values of a map (deep); counting stops past {@code cap}.
     */
    static long size(Object v, long cap) {
        return size(v, cap, 0);
    }

    private static long size(Object v, long cap, int depth) {
        if (depth > MAX_DEPTH) {
            return cap + 1;
        }
        if (v instanceof CharSequence s) {
            return 1 + s.length() / 64;
        }
        long n = 1;
        if (v instanceof Collection<?> c) {
            for (Object e : c) {
                n += size(e, cap - n, depth + 1);
                if (n > cap) {
                    return n;
                }
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                n += size(e.getKey(), cap - n, depth + 1) + size(e.getValue(), cap - n, depth + 1);
                if (n > cap) {
                    return n;
                }
            }
        } else if (v instanceof Object[] a) {
            for (Object e : a) {
                n += size(e, cap - n, depth + 1);
                if (n > cap) {
                    return n;
                }
            }
        } else if (v != null && !(v instanceof Number) && !(v instanceof Boolean)) {
            n += v.toString().length() / 64;      // a macro's output (SafeString)
        }
        return n;
    }

    private void spend(long units, String file, int line) {
        work += units;
        if (work > MAX_WORK) {
            throw new PebbleException(null, "rendering takes more than " + MAX_WORK
                    + " steps (a loop or recursion without end?) / 渲染超过 " + MAX_WORK + " 步（循环或递归过多？）", line, file);
        }
        if (System.nanoTime() > deadline) {
            throw new PebbleException(null, "rendering takes too long (the limit is " + MAX_NANOS / 1_000_000_000L
                    + " seconds) / 渲染时间过长", line, file);
        }
    }

    /** Work spent so far on this thread's rendering. */
    static long spent() {
        Budget b = CURRENT.get();
        return b == null ? 0 : b.work;
    }
}
