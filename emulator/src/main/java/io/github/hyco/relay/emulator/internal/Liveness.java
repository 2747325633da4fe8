// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.time.Duration;

/**
 * The relay's view of one control channel's health, on a clock of nanoseconds passed in: after
 * {@code interval} without hearing from the listener, ping it; if nothing is heard within
 * {@code timeout} of that ping, it is dead. Kept free of sockets and threads so that it can be
 * tested on a fake clock.
 */
final class Liveness {

    enum Verdict {
        /** Nothing to do now. */
        WAIT,
        /** Send a ping now. */
        PING,
        /** The ping went unanswered: stop routing to the listener and drop it. */
        DEAD
    }

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastHeard;
    private long pingSentAt;
    private boolean pingOutstanding;

    Liveness(Duration interval, Duration timeout, long now) {
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.lastHeard = now;
    }

    /** A pong or any message arrived from the listener. */
    synchronized void heard(long now) {
        lastHeard = now;
        pingOutstanding = false;
    }

    synchronized Verdict poll(long now) {
        if (pingOutstanding) {
            return now - pingSentAt >= timeoutNanos ? Verdict.DEAD : Verdict.WAIT;
        }
        if (now - lastHeard >= intervalNanos) {
            pingOutstanding = true;
            pingSentAt = now;
            return Verdict.PING;
        }
        return Verdict.WAIT;
    }
}
