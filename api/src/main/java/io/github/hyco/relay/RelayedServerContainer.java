// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ServerContainer} whose endpoints are reached through Azure Relay Hybrid Connections
 * instead of a local port.
 *
 * <pre>{@code
 * try (RelayedServerContainer container = RelayedServerContainer.builder()
 *         .connectionString("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…")
 *         .build()) {
 *     container.addEndpoint(Echo.class);   // @RelayEndpoint("echo") @ServerEndpoint("/echo")
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #addEndpoint(Class)} takes a {@code @ServerEndpoint} class annotated with
 * {@link RelayEndpoint}; {@link #addEndpoint(ServerEndpointConfig)} takes a programmatic config
 * whose user property {@link #HYBRID_CONNECTION} names the Hybrid Connection, or use
 * {@link #addEndpoint(ServerEndpointConfig, String)}. See {@link RelayEndpoint} for how senders'
 * paths are matched.
 *
 * <p>Sessions behave as on a server, {@code Session.getUserProperties()} included (it holds what
 * the configurator put there, nothing else); the relay's tracking id, the Hybrid Connection and the
 * sender's address are read with {@link RelaySessions}.
 *
 * <p>A Hybrid Connection also carries plain HTTP requests: {@link #addHttpHandler(String, RelayedHttpHandler)}
 * serves them on the same listener as the Hybrid Connection's WebSocket endpoints (a handler alone
 * starts a listener too).
 *
 * <p>The implementation is found with {@link java.util.ServiceLoader}: put
 * {@code io.github.hyco:hyco-jakarta-tyrus} on the class path.
 */
public interface RelayedServerContainer extends ServerContainer, AutoCloseable {

    /**
     * User property of a programmatic config: the Hybrid Connection to deploy it on
     * ({@code String}), as {@link RelayEndpoint#value()}.
     */
    String HYBRID_CONNECTION = "io.github.hyco.relay.hybridConnection";

    /**
     * User property of a programmatic config: how many listeners to keep on its Hybrid Connection
     * ({@code Integer}, 1 to 25, default 1), as {@link RelayEndpoint#listeners()}.
     */
    String LISTENERS = "io.github.hyco.relay.listeners";

    /** Azure's limit of concurrent listeners on one Hybrid Connection. */
    int MAX_LISTENERS = 25;

    /**
     * A builder for the implementation on the class path.
     */
    static RelayedServerOptions.Builder builder() {
        return RelayedServerOptions.builder();
    }

    /** Deploys {@code config} on the Hybrid Connection {@code hybridConnection}. */
    void addEndpoint(ServerEndpointConfig config, String hybridConnection) throws DeploymentException;

    /**
     * Undeploys an annotated endpoint: its sessions are closed with 1001 (going away), and the
     * listener goes away with the last endpoint on its Hybrid Connection.
     *
     * @return whether it was deployed
     */
    boolean removeEndpoint(Class<?> endpointClass);

    /** Undeploys a programmatic endpoint, as {@link #removeEndpoint(Class)}. */
    boolean removeEndpoint(ServerEndpointConfig config);

    /**
     * Serves the HTTP requests of a Hybrid Connection with {@code handler}, next to any WebSocket
     * endpoints deployed on it (they share its listeners). Without a handler, requests are answered
     * 501.
     *
     * @throws IllegalArgumentException if {@code hybridConnection} is not an entity path like
     *     {@code orders}
     * @throws IllegalStateException if the Hybrid Connection already has a handler, or the container
     *     is closed
     */
    void addHttpHandler(String hybridConnection, RelayedHttpHandler handler);

    /**
     * Stops serving HTTP on a Hybrid Connection: requests already running finish, new ones get 501;
     * the listener goes away if no endpoint is left on it.
     *
     * @return whether a handler was deployed
     */
    boolean removeHttpHandler(String hybridConnection);

    /**
     * The (first) listener of a Hybrid Connection that has endpoints or an HTTP handler deployed. With
     * {@link RelayEndpoint#listeners()} above 1, {@link #listeners(String)} gives them all.
     */
    Optional<RelayListener> listener(String hybridConnection);

    /** All listeners of a Hybrid Connection; empty if nothing (no endpoint, no HTTP handler) is deployed on it. */
    List<RelayListener> listeners(String hybridConnection);

    /** The listeners of all Hybrid Connections with endpoints deployed. */
    Collection<RelayListener> listeners();

    /**
     * Stops accepting, closes the listeners, closes open sessions with 1001 and waits up to the
     * close timeout for them to finish. Idempotent.
     */
    @Override
    void close();
}

