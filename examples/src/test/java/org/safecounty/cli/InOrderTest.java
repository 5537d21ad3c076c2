package org.safecounty.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pool behind {@code assess}: results in input order, never more than the window in flight. */
class InOrderTest {

    @Test
    void resultsComeInInputOrder_whenLaterInputsFinishFirst() {
        // costs drawn at random from a fixed seed: many a later input is done before an earlier one
        SplittableRandom random = new SplittableRandom(14);
        int[] micros = IntStream.range(0, 2_000).map(i -> random.nextInt(10) == 0 ? 3_000 : random.nextInt(50)).toArray();
        List<Integer> seen = new ArrayList<>();
        InOrder pool = new InOrder(8, InOrder.windowFor(8));
        long handed = pool.run(IntStream.range(0, micros.length).iterator(), (Integer i) -> {
            LockSupport.parkNanos(micros[i] * 1_000L);
            return i;
        }, seen::add, () -> { });
        assertEquals(micros.length, handed);
        assertEquals(IntStream.range(0, micros.length).boxed().toList(), seen);
    }

    @Test
    void atMostTheWindowIsTakenAndNotHandedOn_over20000Inputs() {
        int threads = 4;
        InOrder pool = new InOrder(threads, InOrder.windowFor(threads));
        AtomicLong taken = new AtomicLong();
        long[] handed = {0};
        long[] mostAhead = {0};
        Iterator<Integer> inputs = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return taken.get() < 20_000;
            }

            @Override
            public Integer next() {
                // the reader is never more than the window ahead of what was handed on
                long ahead = taken.incrementAndGet() - handedSoFar(handed);
                synchronized (mostAhead) {
                    mostAhead[0] = Math.max(mostAhead[0], ahead);
                }
                return (int) taken.get();
            }
        };
        pool.run(inputs, (Integer i) -> new byte[1024], (byte[] b) -> {
            synchronized (handed) {
                handed[0]++;
            }
        }, () -> { });
        assertEquals(20_000, handed[0]);
        assertTrue(pool.peak() <= pool.window(), "peak " + pool.peak() + " within the window " + pool.window());
        assertTrue(mostAhead[0] <= pool.window(), "taken ahead " + mostAhead[0] + " within the window " + pool.window());
        assertEquals(16, pool.window());
    }

    private static long handedSoFar(long[] handed) {
        synchronized (handed) {
            return handed[0];
        }
    }

    @Test
    void aFailingInputStopsTheRunWithItsException() {
        InOrder pool = new InOrder(2, InOrder.windowFor(2));
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.run(
                IntStream.range(0, 1_000).iterator(), (Integer i) -> {
                    if (i == 10) {
                        throw new IllegalStateException("input 10");
                    }
                    return i;
                }, seen::add, () -> { }));
        assertEquals("input 10", e.getMessage());
        assertEquals(IntStream.range(0, 10).boxed().toList(), seen, "everything before it was handed on, in order");
    }

    @Test
    void aFailingSourceStopsTheRunWithItsException() {
        InOrder pool = new InOrder(2, InOrder.windowFor(2));
        Iterator<Integer> broken = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 5) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("the pipe broke"));
                }
                return next++;
            }
        };
        List<Integer> seen = new ArrayList<>();
        assertThrows(java.io.UncheckedIOException.class, () -> pool.run(broken, (Integer i) -> i, seen::add, () -> { }));
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }
}
