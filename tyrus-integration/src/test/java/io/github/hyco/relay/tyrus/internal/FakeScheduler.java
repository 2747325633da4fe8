// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when a test says so: {@link #advance} runs every task that
 * falls due, in order, on the calling thread (tasks scheduled by tasks included).
 */
final class FakeScheduler implements Scheduler {

    private record Task(long dueNanos, long order, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final Instant epoch;
    private long nanos;
    private long order;

    FakeScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Starting at {@code epoch}: the real time, for tokens that a relay on the real clock checks. */
    FakeScheduler(Instant epoch) {
        this.epoch = epoch;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = new boolean[1];
        tasks.add(new Task(nanos + Math.max(0, delay.toNanos()), order++, task, cancelled));
        return () -> {
            synchronized (FakeScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward by {@code by}, running what falls due. */
    void advance(Duration by) {
        long target;
        synchronized (this) {
            target = nanos + by.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    nanos = target;
                    return;
                }
                tasks.poll();
                nanos = next.dueNanos;
                if (next.cancelled[0]) {
                    continue;
                }
            }
            next.run.run();
        }
    }

    /** Tasks scheduled and not cancelled. */
    synchronized long pending() {
        return tasks.stream().filter(t -> !t.cancelled[0]).count();
    }
}
