// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time for the listener's policies (keep-alive, reconnect ladder, token renewal, accept deadlines):
 * the system clock in production, a fake one in tests, so that those policies are tested in
 * milliseconds without sockets.
 */
interface Scheduler {

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The wall-clock time, for token expiries. */
    Instant now();

    /** Runs {@code task} once after {@code delay}; tasks must be short (hand blocking work to an executor). */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that may be cancelled; cancelling a task that ran or was dropped does nothing. */
    interface Cancellable {
        void cancel();
    }

    /** The system clock with tasks on {@code executor}; after the executor shuts down, tasks are dropped. */
    static Scheduler system(ScheduledExecutorService executor) {
        return new Scheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Cancellable schedule(Runnable task, Duration delay) {
                try {
                    Future<?> f = executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                } catch (RejectedExecutionException e) {
                    return () -> { }; // shutting down
                }
            }
        };
    }
}
