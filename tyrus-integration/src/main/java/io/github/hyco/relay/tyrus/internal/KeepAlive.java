// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Keep-alive of one control channel: a ping {@code interval} after the last check; if no pong has
 * come {@code timeout} after it, the channel is reported dead (once). A silent peer is therefore
 * detected within interval + timeout. Pings go out on {@code executor}: sending may block on a
 * black-holed socket, and the scheduler must never block.
 */
final class KeepAlive {

    /** Sends one ping; throws if the channel cannot send. */
    interface Pinger {
        void ping() throws Exception;
    }

    private final Scheduler scheduler;
    private final Executor executor;
    private final Duration interval;
    private final Duration timeout;
    private final Pinger pinger;
    private final Consumer<String> dead;
    private volatile long lastPongNanos;
    private volatile boolean stopped;
    private volatile Scheduler.Cancellable next = () -> { };

    KeepAlive(Scheduler scheduler, Executor executor, Duration interval, Duration timeout, Pinger pinger,
            Consumer<String> dead) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.interval = interval;
        this.timeout = timeout;
        this.pinger = pinger;
        this.dead = dead;
    }

    void start() {
        lastPongNanos = scheduler.nanoTime();
        schedulePing();
    }

    /** A pong arrived (any pong counts: the channel is alive). */
    void pong() {
        lastPongNanos = scheduler.nanoTime();
    }

    void stop() {
        stopped = true;
        next.cancel();
    }

    private void schedulePing() {
        if (!stopped) {
            next = scheduler.schedule(() -> run(this::ping), interval);
        }
    }

    private void ping() {
        if (stopped) {
            return;
        }
        long sentAt = scheduler.nanoTime();
        try {
            pinger.ping();
        } catch (Exception e) {
            fail("keep-alive ping failed: " + e.getMessage());
            return;
        }
        if (!stopped) {
            next = scheduler.schedule(() -> check(sentAt), timeout);
        }
    }

    private void check(long sentAt) {
        if (stopped) {
            return;
        }
        if (lastPongNanos - sentAt < 0) {
            fail("no pong within " + timeout + " of a keep-alive ping: the control channel is dead");
        } else {
            schedulePing();
        }
    }

    private void fail(String why) {
        if (!stopped) {
            stopped = true;
            dead.accept(why);
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            stopped = true; // the container is closing
        }
    }
}
