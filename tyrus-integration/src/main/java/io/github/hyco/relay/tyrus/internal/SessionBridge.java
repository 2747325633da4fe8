// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Map;

/**
 * What serves one rendezvous socket: it wraps Tyrus's session in a {@link RelayedSession} and hands
 * every event on to the deployed endpoint with that session, with the deploying application's
 * context class loader. The deployment's endpoint wrapper has one endpoint for all its sessions,
 * {@link #EVENTS}, which finds the bridge of each in the Tyrus session's user properties (a map of
 * its own that no application sees: the endpoint gets the {@link RelayedSession}'s).
 */
@SuppressWarnings("try") // ContextLoader scopes are entered for their effect alone
final class SessionBridge extends Endpoint {

    private static final String KEY = SessionBridge.class.getName();

    /** The endpoint of a deployment's rendezvous wrapper: each event goes to its session's bridge. */
    static final Endpoint EVENTS = new Endpoint() {
        @Override
        public void onOpen(Session socket, EndpointConfig config) {
            of(socket).onOpen(socket, config);
        }

        @Override
        public void onClose(Session socket, CloseReason closeReason) {
            of(socket).onClose(socket, closeReason);
        }

        @Override
        public void onError(Session socket, Throwable thr) {
            of(socket).onError(socket, thr);
        }

        private static SessionBridge of(Session socket) {
            return (SessionBridge) socket.getUserProperties().get(KEY);
        }
    };

    private final Object instance;
    private final Deployment deployment;
    private final RelayedHandshake handshake;
    private final ServerEndpointConfig connectionConfig;
    private final Map<String, Object> userProperties;
    private final Runnable releaseInstance;
    private final ListenerCounters counters;
    private volatile RelayedSession session;
    private Endpoint target;

    /**
     * @param instance the endpoint instance from the Configurator (one that {@code deployment} accepts)
     * @param connectionConfig the config {@code modifyHandshake} was given, which {@code onOpen} gets too
     * @param userProperties the session's map
     * @param releaseInstance called once the session is over, to destroy the endpoint instance
     * @param counters of the listener that accepted the session
     */
    SessionBridge(Object instance, Deployment deployment, RelayedHandshake handshake,
            ServerEndpointConfig connectionConfig, Map<String, Object> userProperties, Runnable releaseInstance,
            ListenerCounters counters) {
        this.instance = instance;
        this.deployment = deployment;
        this.handshake = handshake;
        this.connectionConfig = connectionConfig;
        this.userProperties = userProperties;
        this.releaseInstance = releaseInstance;
        this.counters = counters;
    }

    /** Makes this the bridge of Tyrus's session {@code socket}, before its first event. */
    void attachTo(Session socket) {
        socket.getUserProperties().put(KEY, this);
    }

    @Override
    public void onOpen(Session socket, EndpointConfig ignored) {
        RelayedSession relayed = session(socket);
        deployment.opened(relayed);
        counters.sessionsOpen.incrementAndGet();
        try (ContextLoader app = deployment.enter()) {
            target.onOpen(relayed, connectionConfig);
        } finally {
            deployment.closeIfClosing(relayed);
        }
    }

    @Override
    public void onClose(Session socket, CloseReason closeReason) {
        RelayedSession relayed = session(socket);
        try (ContextLoader app = deployment.enter()) {
            target.onClose(relayed, closeReason);
        } finally {
            if (deployment.closed(relayed)) {
                counters.sessionsOpen.decrementAndGet();
            }
            deployment.runtime().sessionClosed();
            releaseInstance.run();
        }
    }

    @Override
    public void onError(Session socket, Throwable thr) {
        RelayedSession relayed = session(socket);
        try (ContextLoader app = deployment.enter()) {
            target.onError(relayed, thr);
        }
    }

    /** How long a message of this kind may be gathered whole ({@link FrameReader.Sink#wholeMessageLimit}). */
    long wholeMessageLimit(boolean text) {
        RelayedSession relayed = session;
        return relayed == null ? -1 : relayed.wholeMessageLimit(text);
    }

    /** The session the endpoint sees, made on the first event (an error can come before onOpen). */
    private synchronized RelayedSession session(Session socket) {
        if (session == null) {
            session = new RelayedSession(socket, deployment, handshake, userProperties, instance);
            target = deployment.endpoint(session, instance);
        }
        return session;
    }
}
