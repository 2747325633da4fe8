// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RejectHandshakeException;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.spi.EndpointInstanceReleaser;
import io.github.hyco.relay.internal.UriComponents;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.TyrusExtension;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Accepts or rejects one sender (design.md §2): checks the address, builds the handshake request
 * the endpoint would have seen on a direct server, routes it by path, runs the Configurator, then
 * opens the rendezvous or rejects through the relay. Says how it ended as an {@link AcceptOutcome};
 * counting, logging and reporting are the listener's.
 */
@SuppressWarnings("try") // ContextLoader scopes are entered for their effect alone
final class AcceptPath {

    private static final System.Logger LOG = System.getLogger(AcceptPath.class.getName());

    private final RelayRuntime runtime;
    private final HybridConnectionHost host;

    AcceptPath(RelayRuntime runtime, HybridConnectionHost host) {
        this.runtime = runtime;
        this.host = host;
    }

    /**
     * @param counters of the listener that received the accept (its sessions are counted there)
     * @param headersHook sees the rendezvous request headers before they are sent
     */
    AcceptOutcome accept(AcceptCommand command, ListenerCounters counters,
            Consumer<Map<String, List<String>>> headersHook) {
        URI address;
        try {
            address = new URI(command.address());
        } catch (URISyntaxException e) {
            return new AcceptOutcome(AcceptOutcome.Kind.FAILED, command.id(), "not dialled: malformed address ("
                    + e.getMessage() + ")", null);
        }
        Optional<String> refusal = runtime.guard.refusal(address, host.nameSegments());
        if (refusal.isPresent()) {
            // Never follow an address elsewhere than the relay: it may be any service the listener reaches.
            String where = address.getScheme() + "://" + address.getHost() + ":" + address.getPort();
            return new AcceptOutcome(AcceptOutcome.Kind.REFUSED, command.id(), "not dialled: the address "
                    + where + " is not the relay's: " + refusal.get(),
                    new RelayException(0, "untrusted rendezvous address " + where + " refused: " + refusal.get(),
                            command.id()));
        }
        try {
            return handle(command, address, counters, headersHook);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Accepting " + command.id() + " failed", e);
            return reject(command, 500, "The listener failed to accept the connection. TrackingId: " + command.id());
        }
    }

    private AcceptOutcome handle(AcceptCommand command, URI address, ListenerCounters counters,
            Consumer<Map<String, List<String>>> headersHook) {
        String rawPath = RelayAddress.pathAfterHc(address);
        List<String> segments = RelayAddress.decodedSegments(rawPath);
        HybridConnectionHost.Route route = host.route(segments);
        if (route == null) {
            return reject(command, 404, "No endpoint at " + rawPath);
        }
        Deployment deployment = route.deployment();
        Map<String, String> pathParameters = route.pathParameters();
        String query = RelayAddress.applicationQuery(address.getRawQuery());
        URI namespace = runtime.namespace;
        URI requestUri = URI.create(namespace.getScheme() + "://" + namespace.getRawAuthority() + rawPath
                + (query == null ? "" : "?" + query));
        // As Tyrus's server does: path parameters join the query parameters (replacing a namesake),
        // and the session's path parameters are the first value of every one of them.
        Map<String, List<String>> parameters = new LinkedHashMap<>(RelayAddress.parameters(query));
        pathParameters.forEach((name, value) -> parameters.put(name, List.of(value)));
        Map<String, String> sessionPathParameters = new HashMap<>();
        parameters.forEach((name, values) -> sessionPathParameters.put(name, values.get(0)));
        RelayedHandshake.Request request = new RelayedHandshake.Request(requestUri, query,
                command.connectHeaders(), Collections.unmodifiableMap(parameters));

        ServerEndpointConfig config = deployment.config();
        Map<String, Object> connectionProperties = new HashMap<>(config.getUserProperties());
        ServerEndpointConfig connectionConfig = new PerConnectionConfig(config, connectionProperties);
        Negotiated negotiated;
        try {
            negotiated = negotiate(deployment, request, connectionConfig);
        } catch (RejectHandshakeException e) {
            return reject(command, e.statusCode(), e.description());
        } catch (Exception e) {
            if (e instanceof HandshakeException he) { // Tyrus's own way to refuse, thrown sneakily
                return reject(command, he.getHttpStatusCode(), he.getMessage());
            }
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + deployment + " failed", e);
            return reject(command, 500, "The endpoint's Configurator failed. TrackingId: " + command.id());
        }
        if (negotiated == null) {
            return reject(command, 403, "Origin not allowed");
        }
        String subprotocol = negotiated.subprotocol();
        if (!negotiated.extensions().isEmpty()) {
            deployment.extensionsRefused(negotiated.extensions());
        }
        Object instance = negotiated.instance();
        if (!negotiated.responseHeaders().isEmpty()) {
            deployment.responseHeadersDropped(negotiated.responseHeaders());
        }
        Runnable releaseInstance = releaser(deployment, instance);
        if (!deployment.accepts(instance)) {
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + deployment + " returned "
                    + (instance == null ? "null" : "an instance of " + instance.getClass().getName())
                    + " as the endpoint instance");
            releaseInstance.run();
            return reject(command, 500, "The endpoint's Configurator failed. TrackingId: " + command.id());
        }
        // The session's map is a copy of the handshake's, as on Tyrus's server; the relay's facts are not in it.
        Map<String, Object> sessionProperties = new HashMap<>(connectionProperties);

        RelayedHandshake handshake = new RelayedHandshake(request,
                Collections.unmodifiableMap(sessionPathParameters),
                subprotocol == null ? "" : subprotocol, command.id(),
                command.remoteEndpoint());
        try {
            RendezvousEngine.open(runtime.rendezvous, command.address(), deployment, new SessionBridge(instance,
                    deployment, handshake, connectionConfig, sessionProperties, releaseInstance, counters),
                    subprotocol, headersHook);
            return AcceptOutcome.dialled(command.id());
        } catch (RelayException e) {
            releaseInstance.run();
            return new AcceptOutcome(AcceptOutcome.Kind.FAILED, command.id(), "opening the rendezvous failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What the Configurator decided for one sender.
     *
     * @param extensions what it chose, though none is used: frames pass the relay as they are, so
     *        the rendezvous socket applies no extension and none is negotiated there
     * @param responseHeaders what {@code modifyHandshake} put in the response
     */
    private record Negotiated(String subprotocol, List<Extension> extensions, Set<String> responseHeaders,
            Object instance) {
    }

    /**
     * Runs the Configurator's hooks, in a server's order, with the application's context class
     * loader.
     *
     * @return null if it refused the sender's origin
     */
    private static Negotiated negotiate(Deployment deployment, RelayedHandshake.Request request,
            ServerEndpointConfig connectionConfig) throws Exception {
        ServerEndpointConfig config = deployment.config();
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        try (ContextLoader app = deployment.enter()) {
            if (!configurator.checkOrigin(request.header("Origin"))) {
                return null;
            }
            String subprotocol = configurator.getNegotiatedSubprotocol(config.getSubprotocols(),
                    splitHeader(request.getHeaders().get("Sec-WebSocket-Protocol")));
            List<String> extensionHeaders = request.getHeaders().get("Sec-WebSocket-Extensions");
            List<Extension> extensions = configurator.getNegotiatedExtensions(config.getExtensions(),
                    extensionHeaders == null ? List.of() : TyrusExtension.fromHeaders(extensionHeaders));
            RelayedHandshake.Response response = new RelayedHandshake.Response();
            configurator.modifyHandshake(connectionConfig, request, response);
            return new Negotiated(subprotocol, extensions, response.getHeaders().keySet(),
                    configurator.getEndpointInstance(config.getEndpointClass()));
        }
    }

    /**
     * Destroys the instance (once, with the application's context class loader) if its
     * configurator manages instances, as CDI's does.
     */
    private static Runnable releaser(Deployment deployment, Object instance) {
        if (!(deployment.config().getConfigurator() instanceof EndpointInstanceReleaser releaser)) {
            return () -> { };
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                try (ContextLoader app = deployment.enter()) {
                    releaser.releaseEndpointInstance(instance);
                }
            }
        };
    }

    /** Rejects through the relay: the sender gets {@code status} and {@code description}. */
    private AcceptOutcome reject(AcceptCommand command, int status, String description) {
        String address = command.address() + (command.address().contains("?") ? "&" : "?")
                + "sb-hc-statusCode=" + status
                + "&sb-hc-statusDescription=" + UriComponents.encode(description == null ? "" : description);
        try {
            RendezvousEngine.reject(runtime.rendezvous, address);
        } catch (RelayException e) {
            if (e.statusCode() != 410) { // 410 Gone is the relay's "rejected as asked"
                return new AcceptOutcome(AcceptOutcome.Kind.FAILED, command.id(), "rejecting with " + status
                        + " failed: " + e.getMessage(), e);
            }
        }
        return AcceptOutcome.rejected(command.id(), status, description);
    }

    private static List<String> splitHeader(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String p : v.split(",")) {
                    if (!p.isBlank()) {
                        out.add(p.trim());
                    }
                }
            }
        }
        return out;
    }

    /**
     * The config given to {@code modifyHandshake} and then to {@code onOpen}: the endpoint's, with
     * per-connection user properties (as Tyrus's server does).
     */
    private static final class PerConnectionConfig implements ServerEndpointConfig {
        private final ServerEndpointConfig config;
        private final Map<String, Object> userProperties;

        PerConnectionConfig(ServerEndpointConfig config, Map<String, Object> userProperties) {
            this.config = config;
            this.userProperties = userProperties;
        }

        @Override
        public Class<?> getEndpointClass() {
            return config.getEndpointClass();
        }

        @Override
        public String getPath() {
            return config.getPath();
        }

        @Override
        public List<String> getSubprotocols() {
            return config.getSubprotocols();
        }

        @Override
        public List<Extension> getExtensions() {
            return config.getExtensions();
        }

        @Override
        public Configurator getConfigurator() {
            return config.getConfigurator();
        }

        @Override
        public List<Class<? extends jakarta.websocket.Encoder>> getEncoders() {
            return config.getEncoders();
        }

        @Override
        public List<Class<? extends jakarta.websocket.Decoder>> getDecoders() {
            return config.getDecoders();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return userProperties;
        }
    }
}
