// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.RelayEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Senders held until their listener accepts or rejects, by the id of their accept address. Each is
 * answered exactly once: by the listener's rendezvous, by its timeout (504), by the deletion of its
 * entity (404), or released without an answer when the relay stops.
 */
final class PendingConnects {

    private final Map<String, PendingConnect> byId = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Duration acceptTimeout;
    private final EventLog events;
    private final HttpAnswers answers;

    PendingConnects(ScheduledExecutorService timer, Duration acceptTimeout, EventLog events, HttpAnswers answers) {
        this.timer = timer;
        this.acceptTimeout = acceptTimeout;
        this.events = events;
        this.answers = answers;
    }

    /** Holds a sender; it gets 504 if no listener answers within the accept timeout. */
    void hold(PendingConnect p) {
        byId.put(p.id, p);
        p.timeout = timer.schedule(() -> answer(p, 504, "The listener did not accept the connection within "
                + acceptTimeout.toSeconds() + " s.", p.id), acceptTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The sender a rendezvous address names, now the caller's to answer; null if unknown or answered. */
    PendingConnect claim(String id) {
        PendingConnect p = byId.remove(id);
        return p != null && p.settle() ? p : null;
    }

    /** Answers a waiting sender with an error, unless it was answered already. */
    void answer(PendingConnect p, int status, String description, String trackingId) {
        if (!p.settle()) {
            return;
        }
        byId.remove(p.id);
        reject(p, status, description, trackingId);
    }

    /** Answers a claimed sender with an error and releases its suspended filter chain. */
    void reject(PendingConnect p, int status, String description, String trackingId) {
        events.record(new RelayEvent.SenderRejected(Instant.now(), p.entity.name, p.id, p.headers, status,
                description));
        answers.error(p.ctx, p.request, p.conn, status, description, trackingId);
        p.ctx.resume(p.ctx.getStopAction());
    }

    /** Answers every sender waiting for a listener of a deleted entity with 404. */
    void entityDeleted(Entity entity) {
        for (PendingConnect p : List.copyOf(byId.values())) {
            if (p.entity == entity) {
                answer(p, 404, "Endpoint does not exist. The hybrid connection '" + entity.name
                        + "' was deleted.", p.id);
            }
        }
    }

    /** Forgets every waiting sender: the relay stopped and their connections are closed. */
    void releaseAll() {
        byId.values().forEach(PendingConnect::settle);
        byId.clear();
    }
}
