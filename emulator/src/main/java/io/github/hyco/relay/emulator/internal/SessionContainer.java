// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.internal.SessionTimers;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The Tyrus container behind the emulator's Grizzly server: a WebSocket engine and the executors
 * of its sessions, nothing else (the emulator runs its own {@code HttpServer}). What Tyrus's own
 * {@code GrizzlyServerContainer} would give, except that the sessions' scheduler is a
 * {@link SessionTimers} with two named threads instead of Tyrus's ten, so that relaying a frame
 * does not wake a timer thread twice.
 */
final class SessionContainer extends TyrusServerContainer {

    private final Map<String, Object> properties;
    private final TyrusWebSocketEngine engine;
    private final SessionTimers timers;

    SessionContainer(int incomingBufferSize) {
        super(java.util.Set.<Class<?>>of());
        this.properties = new HashMap<>(Map.of(TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, incomingBufferSize));
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "hyco-emulator-session-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.timers = new SessionTimers(2, threads);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "/");
    }

    @Override
    public void register(ServerEndpointConfig config) throws DeploymentException {
        engine.register(config, "/");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return engine;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return timers;
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }

    @Override
    public void shutdown() {
        timers.shutdownNow();
        super.shutdown();
    }
}
