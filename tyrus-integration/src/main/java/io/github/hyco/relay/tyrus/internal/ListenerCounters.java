// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayListener;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link RelayListener#facts()}. */
final class ListenerCounters {

    final LongAdder received = new LongAdder();
    final LongAdder dialled = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder failed = new LongAdder();
    final AtomicInteger sessionsOpen = new AtomicInteger();
    final LongAdder reconnects = new LongAdder();
    final LongAdder httpRequests = new LongAdder();
    final LongAdder httpServed = new LongAdder();
    final LongAdder httpFailed = new LongAdder();
    final LongAdder httpRefused = new LongAdder();

    /** Counts a finished accept under its outcome. */
    void count(AcceptOutcome.Kind kind) {
        switch (kind) {
            case DIALLED -> dialled.increment();
            case REJECTED -> rejected.increment();
            case REFUSED -> refused.increment();
            case EXPIRED -> expired.increment();
            case FAILED -> failed.increment();
        }
    }

    RelayListener.Facts snapshot(Throwable lastError) {
        return new RelayListener.Facts(received.sum(), dialled.sum(), rejected.sum(), refused.sum(),
                expired.sum(), failed.sum(), sessionsOpen.get(), reconnects.sum(), httpRequests.sum(),
                httpServed.sum(), httpFailed.sum(), httpRefused.sum(), Optional.ofNullable(lastError));
    }
}
