// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the accepts of one listener: at most {@code maxInFlight} at once, the rest waiting in
 * arrival order, at most {@code maxPending} of them. Each accept carries its deadline (the relay
 * keeps a rendezvous address valid for about 30 s after it sends the accept); one whose deadline has
 * passed before it could start is never dialled, only reported. So a dial that hangs delays no
 * later accept while slots are free, and a flood of accepts cannot grow memory without bound.
 */
final class AcceptDispatcher {

    /** How long the relay keeps a rendezvous address valid (protocol.md §3.1). */
    static final Duration VALIDITY = Duration.ofSeconds(30);

    /** An accept waiting to run, with the monotonic time by which it must have started. */
    record Pending(AcceptCommand command, long deadlineNanos) {
    }

    private final Scheduler scheduler;
    private final Executor executor;
    private final int maxInFlight;
    private final int maxPending;
    private final Function<Pending, AcceptOutcome> work;
    private final Consumer<AcceptOutcome> done;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    /**
     * @param work handles one accept (dials or rejects) and says how it ended
     * @param done told every outcome, including expired and overflowed accepts, on the thread that ended it
     */
    AcceptDispatcher(Scheduler scheduler, Executor executor, int maxInFlight, int maxPending,
            Function<Pending, AcceptOutcome> work, Consumer<AcceptOutcome> done) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.maxPending = maxPending;
        this.work = work;
        this.done = done;
    }

    /** Takes an accept that has just arrived. */
    void submit(AcceptCommand command) {
        Pending p = new Pending(command, scheduler.nanoTime() + VALIDITY.toNanos());
        AcceptOutcome overflow = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inFlight < maxInFlight) {
                inFlight++;
            } else if (waiting.size() < maxPending) {
                waiting.add(p);
                return;
            } else {
                overflow = new AcceptOutcome(AcceptOutcome.Kind.FAILED, command.id(), "dropped: "
                        + maxInFlight + " accepts in flight and " + maxPending + " waiting (maxPendingAccepts)",
                        null);
            }
        }
        if (overflow != null) {
            done.accept(overflow);
        } else {
            start(p);
        }
    }

    /** Drops what waits; accepts in flight finish. */
    void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void start(Pending p) {
        try {
            executor.execute(() -> run(p));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                inFlight--;
            }
            done.accept(new AcceptOutcome(AcceptOutcome.Kind.FAILED, p.command().id(),
                    "dropped: the accept executor refused it", e));
        }
    }

    private void run(Pending first) {
        Pending p = first;
        while (p != null) {
            AcceptOutcome outcome;
            if (scheduler.nanoTime() - p.deadlineNanos() >= 0) {
                outcome = expired(p);
            } else {
                try {
                    outcome = work.apply(p);
                } catch (RuntimeException e) {
                    outcome = new AcceptOutcome(AcceptOutcome.Kind.FAILED, p.command().id(),
                            "accepting failed: " + e, e);
                }
            }
            done.accept(outcome);
            p = next();
        }
    }

    /** The next accept to run on this slot, reporting the expired ones on the way; null frees the slot. */
    private Pending next() {
        while (true) {
            Pending p;
            synchronized (this) {
                p = closed ? null : waiting.poll();
                if (p == null) {
                    inFlight--;
                    return null;
                }
            }
            if (scheduler.nanoTime() - p.deadlineNanos() < 0) {
                return p;
            }
            done.accept(expired(p));
        }
    }

    private static AcceptOutcome expired(Pending p) {
        return new AcceptOutcome(AcceptOutcome.Kind.EXPIRED, p.command().id(), "not dialled: the relay's "
                + VALIDITY.toSeconds() + "-s window passed while it waited for a dial slot (maxConcurrentAccepts)",
                null);
    }
}
