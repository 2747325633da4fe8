// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.internal.LogRedaction;

import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The relay, put together: the {@link Transport} (Grizzly, with the {@link FrontFilter} and the
 * {@link WebSocketFilter} in front of Tyrus), the {@link Namespace} of entities and listeners, the {@link Handshakes} every request goes
 * through, the {@link PendingConnects}, the {@link HttpRelay}, and the timer that sweeps connections.
 * What the public emulator API calls; the work is done by those parts.
 */
public final class RelayServer implements AutoCloseable {

    /**
     * The server-side loggers that print the listeners' and senders' tokens at debug levels (found
     * by NoSecretsInLogsIT in tyrus-integration): the upgrade request's headers (FINE, FINEST).
     */
    private static final String[] SECRET_PRINTING_LOGGERS = {"org.glassfish.tyrus.core.TyrusWebSocketEngine"};

    private final Settings settings;
    private final EventLog events = new EventLog();
    private final ScheduledExecutorService timer;
    private final SessionContainer container;
    private final Transport transport;
    private final Namespace namespace;
    private final Audiences audiences;
    private final Authorizer authorizer;
    private final HttpAnswers answers;
    private final PendingConnects pending;
    private final Connections connections;
    private final Handshakes handshakes;
    private final HttpRelay httpRelay;

    public RelayServer(Settings settings) {
        this.settings = settings;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hyco-emulator-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
        this.namespace = new Namespace(settings.entities(), settings.autoCreate());
        this.authorizer = new Authorizer(settings.rules(), Clock.systemUTC());
        this.answers = new HttpAnswers(settings.namespace());
        this.pending = new PendingConnects(timer, settings.acceptTimeout(), events, answers);
        this.httpRelay = new HttpRelay(this);
        this.connections = new Connections(settings.handshakeTimeout(), settings.idleTimeout(),
                httpRelay::senderClosed);
        this.container = new SessionContainer(WebSocketFilter.incomingBufferSize(settings.maxFrameSize()));
        try {
            container.getWebSocketEngine().register(RoutingEndpoint.config(this, RoutingEndpoint.CONTROL_PATH), "");
            container.getWebSocketEngine().register(RoutingEndpoint.config(this, RoutingEndpoint.RENDEZVOUS_PATH), "");
        } catch (DeploymentException e) {
            throw new IllegalStateException("Tyrus refused the emulator's internal endpoint", e);
        }
        WebSocketFilter websockets = new WebSocketFilter(container.getWebSocketEngine(), settings.maxFrameSize());
        this.transport = new Transport(settings, secure -> FrontFilter.addOn(this, secure, websockets));
        this.audiences = new Audiences(settings, transport);
        this.handshakes = new Handshakes(this, namespace, audiences, authorizer, pending, answers);
        timer.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds and starts serving; after {@link #stop()} binds the same ports again. */
    public synchronized void start() throws IOException {
        if (transport.isRunning()) {
            return;
        }
        LogRedaction.install(SECRET_PRINTING_LOGGERS);
        transport.start();
    }

    /** Drops every connection and unbinds; entities and settings stay for {@link #start()}. */
    public synchronized void stop() {
        if (!transport.isRunning()) {
            return;
        }
        connections.closeAll();
        transport.stop();
        pending.releaseAll();
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
        container.shutdown();
    }

    public boolean isRunning() {
        return transport.isRunning();
    }

    public int port() {
        return transport.port();
    }

    public int tlsPort() {
        return transport.tlsPort();
    }

    public Tls tls() {
        return transport.tls();
    }

    /** The host to put in URIs and connection strings: the bound one, or loopback for a wildcard. */
    public String advertisedHost() {
        return transport.advertisedHost();
    }

    public Settings settings() {
        return settings;
    }

    public EventLog events() {
        return events;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    HttpRelay http() {
        return httpRelay;
    }

    Handshakes handshakes() {
        return handshakes;
    }

    Namespace namespace() {
        return namespace;
    }

    Audiences audiences() {
        return audiences;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    HttpAnswers answers() {
        return answers;
    }

    Connections connections() {
        return connections;
    }

    private void sweep() {
        long now = System.nanoTime();
        namespace.checkLiveness(now);
        connections.sweep(now);
    }

    // ---------------------------------------------------------------- entities

    public void createEntity(String name, boolean requiresClientAuthorization) {
        namespace.create(name, requiresClientAuthorization);
    }

    /** Removes an entity; its listeners and connections are closed with 1001, waiting senders get 404. */
    public boolean deleteEntity(String name) {
        Entity deleted = namespace.delete(name);
        if (deleted == null) {
            return false;
        }
        pending.entityDeleted(deleted);
        return true;
    }

    public List<String> entityNames() {
        return namespace.names();
    }

    public boolean hasEntity(String name) {
        return namespace.contains(name);
    }

    public int listenerCount(String name) {
        return namespace.listenerCount(name);
    }

    public int connectionCount(String name) {
        return namespace.connectionCount(name);
    }

    /** A renewed token is checked against the audiences its listener was accepted with at listen. */
    Authorizer.Grant authorizeListener(String token, Entity entity, Authorizer.LocalAuthorities audiences)
            throws RelayFailure {
        return authorizer.authorize(token, AccessRight.LISTEN, entity.name, audiences);
    }

    // ---------------------------------------------------------------- faults

    public int dropListeners(String entity, int closeCode, String reason) {
        return namespace.toListeners(entity, l -> l.close(closeCode, reason));
    }

    public int resetListeners(String entity) {
        return namespace.toListeners(entity, l -> l.conn.reset());
    }

    public int blackHoleListeners(String entity) {
        return namespace.toListeners(entity, l -> l.conn.blackHole = true);
    }

    public int expireListenerTokens(String entity) {
        return namespace.toListeners(entity, ListenerChannel::expireNow);
    }

    /** Closes every control channel with 1011 {@code NameRenewalFailed}, as Azure does about daily. */
    public int recycleAllListeners() {
        return namespace.toAllListeners(l -> l.close(1011, "NameRenewalFailed"));
    }

    public void delayNextAccept(Duration delay) {
        handshakes.delayNextAccept(delay);
    }

    public void refuseNextAccept(int status, String description) {
        handshakes.refuseNextAccept(status, description);
    }

    public void idleTimeout(Duration timeout) {
        connections.idleTimeout(timeout);
    }
}
