// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpRequestPacket;

/** A sender's upgrade held (its filter chain suspended) until the listener accepts or rejects. */
final class PendingConnect {

    final String id;
    final Entity entity;
    final ConnState conn;
    final FilterChainContext ctx;
    final HttpRequestPacket request;
    /** Copied at connect: Grizzly recycles the request packet. */
    final Map<String, String> headers;
    /** True if the sender's own query has a {@code statusCode} parameter (then it is not a Node reject). */
    final boolean appQueryHasStatusCode;
    volatile ScheduledFuture<?> timeout;
    private final AtomicBoolean settled = new AtomicBoolean();

    PendingConnect(String id, Entity entity, ConnState conn, FilterChainContext ctx, HttpRequestPacket request,
            Map<String, String> headers, boolean appQueryHasStatusCode) {
        this.id = id;
        this.entity = entity;
        this.conn = conn;
        this.ctx = ctx;
        this.request = request;
        this.headers = headers;
        this.appQueryHasStatusCode = appQueryHasStatusCode;
    }

    /** True for exactly one caller: the one that answers the sender. */
    boolean settle() {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        return true;
    }
}
