// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link RelayedServerContainer} on Tyrus's client: a thin facade over one
 * {@link HybridConnectionHost} per Hybrid Connection, all sharing one {@link RelayRuntime}.
 */
final class TyrusRelayedServerContainer implements RelayedServerContainer {

    private static final System.Logger LOG = System.getLogger(TyrusRelayedServerContainer.class.getName());

    private final RelayRuntime runtime;
    /** Guarded by itself. */
    private final Map<String, HybridConnectionHost> hosts = new LinkedHashMap<>();
    private volatile boolean closed;

    TyrusRelayedServerContainer(RelayedServerOptions options) {
        this(options, null);
    }

    /** @param scheduler the clock and timer of the listeners' policies, or null for the system's (tests pass a fake) */
    TyrusRelayedServerContainer(RelayedServerOptions options, Scheduler scheduler) {
        this.runtime = new RelayRuntime(options, scheduler);
    }

    // ---- deployment

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        Objects.requireNonNull(endpointClass, "endpointClass must not be null");
        ServerEndpoint server = endpointClass.getAnnotation(ServerEndpoint.class);
        RelayEndpoint relay = endpointClass.getAnnotation(RelayEndpoint.class);
        if (server == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint");
        }
        if (relay == null) {
            throw new DeploymentException(endpointClass.getName() + " has no @RelayEndpoint naming its "
                    + "Hybrid Connection (or use addEndpoint(ServerEndpointConfig, String))");
        }
        ServerEndpointConfig.Configurator configurator;
        try {
            configurator = server.configurator() == ServerEndpointConfig.Configurator.class
                    ? new ServerEndpointConfig.Configurator()
                    : server.configurator().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("cannot create the Configurator " + server.configurator().getName()
                    + " of " + endpointClass.getName(), e);
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpointClass, server.value())
                .subprotocols(Arrays.asList(server.subprotocols()))
                .encoders(Arrays.asList(server.encoders()))
                .decoders(Arrays.asList(server.decoders()))
                .configurator(configurator)
                .build();
        // Nothing of ours in the config's user properties: sessions start with a copy of them.
        deploy(config, relay.value());
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        Objects.requireNonNull(config, "config must not be null");
        Object name = config.getUserProperties().get(HYBRID_CONNECTION);
        if (name == null) {
            RelayEndpoint relay = config.getEndpointClass().getAnnotation(RelayEndpoint.class);
            if (relay == null) {
                throw new DeploymentException("config for " + config.getEndpointClass().getName()
                        + " names no Hybrid Connection: set the user property " + HYBRID_CONNECTION
                        + " or call addEndpoint(config, hybridConnection)");
            }
            name = relay.value();
        }
        deploy(config, name.toString());
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config, String hybridConnection) throws DeploymentException {
        Objects.requireNonNull(config, "config must not be null");
        deploy(config, hybridConnection);
    }

    private void deploy(ServerEndpointConfig config, String hybridConnection) throws DeploymentException {
        String name = normalizeName(hybridConnection);
        if (!Endpoint.class.isAssignableFrom(config.getEndpointClass())
                && config.getEndpointClass().getAnnotation(ServerEndpoint.class) == null) {
            throw new DeploymentException(config.getEndpointClass().getName()
                    + " is neither an Endpoint nor annotated with @ServerEndpoint");
        }
        Deployment deployment;
        try {
            deployment = new Deployment(runtime, this, config, name);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        HybridConnectionHost.listenerCount(config); // fails early on a bad count
        List<ControlChannel> started;
        synchronized (hosts) {
            if (closed) {
                throw new IllegalStateException("container is closed");
            }
            started = hosts.computeIfAbsent(name, n -> new HybridConnectionHost(runtime, n)).add(deployment);
        }
        HybridConnectionHost.observeWithFlightRecorder(started);
    }

    private static String normalizeName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hybridConnection must not be blank, was '" + name + "'");
        }
        String n = name.trim();
        n = n.startsWith("/") ? n.substring(1) : n;
        n = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
        if (n.isEmpty() || n.contains("//") || n.contains("?") || n.contains("#")) {
            throw new IllegalArgumentException("hybridConnection must be an entity path like 'echo', was '"
                    + name + "'");
        }
        return n;
    }

    @Override
    public boolean removeEndpoint(Class<?> endpointClass) {
        return undeploy(d -> d.config().getEndpointClass() == endpointClass);
    }

    @Override
    public boolean removeEndpoint(ServerEndpointConfig config) {
        return undeploy(d -> d.config() == config);
    }

    private boolean undeploy(Predicate<Deployment> which) {
        List<HybridConnectionHost> all;
        synchronized (hosts) {
            all = new ArrayList<>(hosts.values());
        }
        boolean removed = false;
        for (HybridConnectionHost host : all) {
            removed |= !host.remove(which).isEmpty();
            if (host.isEmpty()) {
                synchronized (hosts) {
                    hosts.remove(host.name(), host);
                }
            }
        }
        return removed;
    }

    @Override
    public void addHttpHandler(String hybridConnection, RelayedHttpHandler handler) {
        Objects.requireNonNull(handler, "handler must not be null");
        String name = normalizeName(hybridConnection);
        synchronized (hosts) {
            if (closed) {
                throw new IllegalStateException("container is closed");
            }
            hosts.computeIfAbsent(name, n -> new HybridConnectionHost(runtime, n)).setHttpHandler(handler);
        }
    }

    @Override
    public boolean removeHttpHandler(String hybridConnection) {
        String name = normalizeName(hybridConnection);
        HybridConnectionHost host;
        synchronized (hosts) {
            host = hosts.get(name);
        }
        if (host == null) {
            return false;
        }
        boolean removed = host.removeHttpHandler();
        if (host.isEmpty()) {
            synchronized (hosts) {
                hosts.remove(name, host);
            }
        }
        return removed;
    }

    @Override
    public Optional<RelayListener> listener(String hybridConnection) {
        return listeners(hybridConnection).stream().findFirst();
    }

    @Override
    public List<RelayListener> listeners(String hybridConnection) {
        String name = normalizeName(hybridConnection);
        HybridConnectionHost host;
        synchronized (hosts) {
            host = hosts.get(name);
        }
        return host == null ? List.of() : host.listeners();
    }

    @Override
    public Collection<RelayListener> listeners() {
        List<RelayListener> all = new ArrayList<>();
        for (HybridConnectionHost host : hosts()) {
            all.addAll(host.listeners());
        }
        return List.copyOf(all);
    }

    private List<HybridConnectionHost> hosts() {
        synchronized (hosts) {
            return new ArrayList<>(hosts.values());
        }
    }

    // ---- close

    @Override
    public void close() {
        List<HybridConnectionHost> all;
        synchronized (hosts) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(hosts.values());
            hosts.clear();
        }
        all.forEach(HybridConnectionHost::closeListeners);
        // Tyrus queues the close frame behind sends in flight; awaitSessions waits for them to finish.
        for (HybridConnectionHost host : all) {
            for (Deployment d : host.deployments()) {
                d.closeSessions("server shutting down");
            }
        }
        try {
            if (!runtime.awaitSessions(() -> all.stream().allMatch(h -> h.deployments().stream()
                    .allMatch(d -> d.sessions().isEmpty())), runtime.options.closeTimeout().toNanos())) {
                LOG.log(System.Logger.Level.WARNING, "Sessions still open after " + runtime.options.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runtime.close();
    }

    // ---- WebSocketContainer: plain (non-relayed) client connections and session defaults

    private jakarta.websocket.WebSocketContainer client() {
        return runtime.rendezvous.client();
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse,
            ServerEndpointConfig sec, Map<String, String> pathParameters) throws DeploymentException {
        throw new DeploymentException("A relayed server container has no HTTP requests to upgrade");
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return client().getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        client().setAsyncSendTimeout(timeoutmillis);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return client().getDefaultMaxSessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        client().setDefaultMaxSessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return client().getDefaultMaxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        client().setDefaultMaxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return client().getDefaultMaxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        client().setDefaultMaxTextMessageBufferSize(max);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return client().getInstalledExtensions();
    }
}
