// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.SecurityToken;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Renews the token of one control channel when {@value #RENEW_AT} of its remaining lifetime has
 * passed, by sending {@code renewToken} (protocol.md §2.4). A token provider that fails is asked
 * again after {@code retryDelay}; a SAS token that cannot be extended (a fixed signature) is reported
 * once and left to expire. Other tokens (Entra ID's) that come back unchanged are asked for again
 * nearer their expiry, since token caches hold them until shortly before.
 */
final class TokenRenewal {

    /** Renew when this share of the token's remaining lifetime has passed. */
    static final double RENEW_AT = 0.8;

    /** Sends {@code renewToken} with the given token; throws if the channel cannot send. */
    interface Sender {
        void send(SecurityToken token) throws Exception;
    }

    /** What renewal reports: a problem that keeps the channel up, or a channel that could not send. */
    interface Events {
        void error(Throwable error);

        void lost(Throwable cause);

        void renewed(SecurityToken token);
    }

    private final Scheduler scheduler;
    private final Executor executor;
    private final Supplier<SecurityToken> tokens;
    private final Sender sender;
    private final Duration retryDelay;
    private final Events events;
    private volatile boolean stopped;
    private volatile Scheduler.Cancellable next = () -> { };

    TokenRenewal(Scheduler scheduler, Executor executor, Supplier<SecurityToken> tokens, Sender sender,
            Duration retryDelay, Events events) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.tokens = tokens;
        this.sender = sender;
        this.retryDelay = retryDelay;
        this.events = events;
    }

    /** Plans the renewal of {@code current}, the token the channel was opened with. */
    void start(SecurityToken current) {
        plan(current);
    }

    void stop() {
        stopped = true;
        next.cancel();
    }

    /** When {@code token} will be renewed, or empty if its lifetime is unknown. */
    Optional<Duration> delayFor(SecurityToken token) {
        return token.expiresAt().map(expiry -> {
            Duration remaining = Duration.between(scheduler.now(), expiry);
            return remaining.isNegative() ? Duration.ZERO : Duration.ofNanos((long) (remaining.toNanos() * RENEW_AT));
        });
    }

    private void plan(SecurityToken current) {
        // Unknown lifetime: nothing to plan; a rejection will show as 1008 and a reconnect.
        delayFor(current).ifPresent(delay -> schedule(() -> renew(current), delay));
    }

    private void schedule(Runnable task, Duration delay) {
        if (!stopped) {
            next = scheduler.schedule(() -> {
                try {
                    executor.execute(task);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    stopped = true; // the container is closing
                }
            }, delay);
        }
    }

    private static boolean isSharedAccessSignature(SecurityToken token) {
        return token.token().regionMatches(true, 0, "SharedAccessSignature ", 0, 22);
    }

    private void renew(SecurityToken old) {
        if (stopped) {
            return;
        }
        SecurityToken fresh;
        try {
            fresh = tokens.get();
        } catch (RuntimeException e) {
            events.error(new io.github.hyco.relay.RelayException(0, "token renewal failed: " + e.getMessage(),
                    null, e));
            schedule(() -> renew(old), retryDelay);
            return;
        }
        Instant oldExpiry = old.expiresAt().orElseThrow();
        if (fresh.expiresAt().isPresent() && !fresh.expiresAt().get().isAfter(oldExpiry)) {
            Duration left = Duration.between(scheduler.now(), oldExpiry);
            if (!isSharedAccessSignature(old) && left.compareTo(retryDelay.multipliedBy(2)) > 0) {
                // A token cache (MSAL's, for Entra ID) hands out the same token until a few minutes
                // before it expires: ask again nearer the expiry. A SAS provider signs anew each time.
                schedule(() -> renew(old), delayFor(old).filter(d -> d.compareTo(retryDelay) > 0).orElse(retryDelay));
                return;
            }
            events.error(new IllegalStateException("the token expires at " + oldExpiry
                    + " and cannot be renewed (a fixed signature?): the relay will drop the listener then "
                    + "and refuse it until the credentials are replaced"));
            return;
        }
        try {
            sender.send(fresh);
        } catch (Exception e) {
            if (!stopped) {
                events.lost(new io.github.hyco.relay.RelayException(0, "sending renewToken failed: "
                        + e.getMessage(), null, e));
            }
            return;
        }
        events.renewed(fresh);
        plan(fresh);
    }
}
