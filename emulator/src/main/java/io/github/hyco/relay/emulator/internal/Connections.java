// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ICloseType;

/**
 * Every accepted TCP connection, by the id the front filter gives it: closed when the handshake
 * does not complete in time, when an upgraded one stays idle too long, and all at once at stop.
 */
final class Connections {

    private static final System.Logger LOG = System.getLogger(Connections.class.getName());

    private final Map<String, ConnState> byId = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final Duration handshakeTimeout;
    /** Told when a connection is gone, before its role (if any) is. */
    private final Consumer<ConnState> closed;
    private volatile Duration idleTimeout;

    Connections(Duration handshakeTimeout, Duration idleTimeout, Consumer<ConnState> closed) {
        this.handshakeTimeout = handshakeTimeout;
        this.idleTimeout = idleTimeout;
        this.closed = closed;
    }

    @SuppressWarnings("deprecation") // Grizzly's CloseListener still names ICloseType
    ConnState track(Connection<?> connection, boolean secure) {
        ConnState state = new ConnState(Long.toString(counter.incrementAndGet()), connection, secure);
        byId.put(state.id, state);
        connection.addCloseListener(new CloseListener<Closeable, ICloseType>() {
            @Override
            public void onClosed(Closeable closeable, ICloseType type) {
                byId.remove(state.id);
                closed.accept(state);
                ConnState.Role role = state.role;
                if (role != null) {
                    role.connectionClosed();
                }
            }
        });
        return state;
    }

    ConnState get(String id) {
        return byId.get(id);
    }

    void idleTimeout(Duration timeout) {
        idleTimeout = timeout;
    }

    void closeAll() {
        for (ConnState c : List.copyOf(byId.values())) {
            c.close();
        }
    }

    /** Closes connections past the handshake timeout or the idle timeout. */
    void sweep(long now) {
        long handshakeLimit = handshakeTimeout.toNanos();
        Duration idle = idleTimeout;
        for (ConnState c : byId.values()) {
            if (c.phase == ConnState.Phase.HANDSHAKE && now - c.openedNanos > handshakeLimit) {
                LOG.log(Level.WARNING, "Closing connection from {0}: no complete WebSocket upgrade request "
                        + "within {1} ms", c.remote(), handshakeTimeout.toMillis());
                c.close();
            } else if (idle != null && c.phase == ConnState.Phase.WEBSOCKET
                    && now - c.lastActivityNanos > idle.toNanos()) {
                LOG.log(Level.INFO, "Closing connection from {0}: no traffic for {1} ms (idle timeout)",
                        c.remote(), idle.toMillis());
                c.close();
            }
        }
    }
}
