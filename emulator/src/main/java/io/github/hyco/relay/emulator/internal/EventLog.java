// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.RelayEvent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The emulator's memory of what it saw. Bounded, so that a long-running emulator nobody takes
 * events from does not grow without end: past {@link #CAPACITY} the oldest are forgotten.
 */
public final class EventLog {

    static final int CAPACITY = 10_000;

    private final Deque<RelayEvent> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();

    void record(RelayEvent event) {
        lock.lock();
        try {
            if (events.size() == CAPACITY) {
                events.removeFirst();
            }
            events.addLast(event);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the oldest event of this type that the filter accepts, waiting up to
     * {@code timeout} for one; null if none came. Other events stay for later takes.
     */
    public <T extends RelayEvent> T take(Class<T> type, Predicate<? super T> filter, Duration timeout)
            throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<RelayEvent> it = events.iterator(); it.hasNext(); ) {
                    RelayEvent event = it.next();
                    if (type.isInstance(event) && filter.test(type.cast(event))) {
                        it.remove();
                        return type.cast(event);
                    }
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = added.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }
}
