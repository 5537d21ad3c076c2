package org.safecounty.cli;

import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Works through a stream of inputs on a fixed pool of threads and hands each result on in the order
 * of the inputs, as soon as it and every one before it are done.
 *
 * <p>Memory stays flat whatever the count: a reader thread takes the next input only while fewer
 * than {@code window} are taken and not yet handed on, so at most {@code window} inputs and results
 * are held at once ({@link #peak()} says how many were). The results are handed on in the calling
 * thread, which alone writes; a reader blocked on a slow source (standard input) never holds back
 * a result that is done.
 */
final class InOrder {

    /** The end of the inputs, in the queue of futures. */
    private static final Future<Object> END = CompletableFuture.completedFuture(null);

    private final int threads;
    private final int window;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /**
     * @param threads how many inputs are worked on at once
     * @param window  how many inputs may be taken and not yet handed on, at least {@code threads}
     */
    InOrder(int threads, int window) {
        if (threads < 1 || window < threads) {
            throw new IllegalArgumentException("threads " + threads + " and window " + window);
        }
        this.threads = threads;
        this.window = window;
    }

    /** The window for {@code threads} threads: four inputs a thread, so that none waits for work. */
    static int windowFor(int threads) {
        return 4 * threads;
    }

    /** The most inputs that were taken and not yet handed on at one time, over every run. */
    int peak() {
        return peak.get();
    }

    int window() {
        return window;
    }

    /**
     * Applies {@code work} to every input and gives the results to {@code sink} in input order;
     * {@code idle} runs whenever the next result is not done yet (to flush what was written). A
     * failure of the inputs, of the work or of the sink stops the run: inputs not yet handed on are
     * dropped and the failure is thrown (unchecked exceptions and errors as they are).
     *
     * @return how many results were handed on
     */
    <T, R> long run(Iterator<? extends T> inputs, Function<? super T, ? extends R> work, Consumer<? super R> sink,
                    Runnable idle) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "safecounty-assess"));
        Semaphore room = new Semaphore(window);
        BlockingQueue<Future<?>> taken = new LinkedBlockingQueue<>();
        Thread reader = daemon(() -> read(inputs, work, pool, room, taken), "safecounty-read");
        reader.start();
        long handed = 0;
        try {
            while (true) {
                Future<?> next = taken.poll();
                if (next == null || !next.isDone()) {
                    idle.run();
                }
                if (next == null) {
                    next = taken.take();
                }
                if (next == END) {
                    return handed;
                }
                @SuppressWarnings("unchecked")
                R result = (R) next.get();
                sink.accept(result);
                handed++;
                inFlight.decrementAndGet();
                room.release();
            }
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            reader.interrupt();
            pool.shutdownNow();
        }
    }

    private <T, R> void read(Iterator<? extends T> inputs, Function<? super T, ? extends R> work, ExecutorService pool,
                             Semaphore room, BlockingQueue<Future<?>> taken) {
        try {
            while (true) {
                room.acquire();
                T input;
                try {
                    if (!inputs.hasNext()) {
                        break;
                    }
                    input = inputs.next();
                } catch (RuntimeException | Error e) {
                    taken.add(CompletableFuture.failedFuture(e));
                    return;
                }
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                taken.add(pool.submit(() -> work.apply(input)));
            }
            taken.add(END);
        } catch (InterruptedException e) {
            // the run stopped: nobody waits for more
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the run stopped and shut the pool down
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
