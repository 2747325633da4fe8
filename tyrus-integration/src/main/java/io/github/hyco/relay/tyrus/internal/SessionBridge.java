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
 * The client-side endpoint of one rendezvous socket: it wraps Tyrus's session in a
 * {@link RelayedSession} and hands every event on to the deployed endpoint with that session, with the
 * deploying application's context class loader.
 */
@SuppressWarnings("try") // ContextLoader scopes are entered for their effect alone
final class SessionBridge extends Endpoint {

    private final Object instance;
    private final Deployment deployment;
    private final RelayedHandshake handshake;
    private final ServerEndpointConfig connectionConfig;
    private final Map<String, Object> userProperties;
    private final Runnable releaseInstance;
    private final ListenerCounters counters;
    private RelayedSession session;
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

    @Override
    public void onOpen(Session socket, EndpointConfig ignored) {
        RelayedSession relayed = session(socket);
        deployment.opened(relayed);
        counters.sessionsOpen.incrementAndGet();
        try (ContextLoader app = deployment.enter()) {
            target.onOpen(relayed, connectionConfig);
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

    /** The session the endpoint sees, made on the first event (an error can come before onOpen). */
    private synchronized RelayedSession session(Session socket) {
        if (session == null) {
            session = new RelayedSession(socket, deployment, handshake, userProperties, instance);
            target = deployment.endpoint(session, instance);
        }
        return session;
    }
}
