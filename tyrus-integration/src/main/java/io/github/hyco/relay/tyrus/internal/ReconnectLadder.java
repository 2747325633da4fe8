// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * The delays between reconnect attempts: the ladder's rungs in turn (the last repeats), each
 * jittered by ±20 % so that many listeners do not come back in step; back to the first rung after
 * a successful open. A missing entity or refused credentials may be fixed while we run, so they are
 * retried, but at the slowest rung.
 */
final class ReconnectLadder {

    private final List<Duration> rungs;
    /** Gives factors in [0.8, 1.2). */
    private final DoubleSupplier jitter;
    private int failures;

    ReconnectLadder(List<Duration> rungs, DoubleSupplier jitter) {
        this.rungs = List.copyOf(rungs);
        this.jitter = jitter;
    }

    /** The delay before the next attempt after a failure caused by {@code cause}. */
    synchronized Duration next(Throwable cause) {
        boolean permanentLooking = cause instanceof EndpointNotFoundException
                || cause instanceof AuthorizationFailedException;
        Duration rung = permanentLooking ? rungs.get(rungs.size() - 1)
                : rungs.get(Math.min(failures, rungs.size() - 1));
        failures++;
        return rung.isZero() ? rung : Duration.ofNanos((long) (rung.toNanos() * jitter.getAsDouble()));
    }

    /** The control channel is open: the next failure starts from the first rung. */
    synchronized void reset() {
        failures = 0;
    }
}
