package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RejectHandshakeException;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.spi.EndpointInstanceReleaser;
import io.github.hyco.relay.internal.UriComponents;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.TyrusExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Accepts or rejects one sender (design.md §2): builds the handshake request the endpoint would
 * have seen on a direct server, routes it by path, runs the Configurator, then opens the
 * rendezvous or rejects through the relay.
 */
final class Acceptor {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final TyrusRelayedServerContainer container;

    Acceptor(TyrusRelayedServerContainer container) {
        this.container = container;
    }

    void accept(ControlChannel channel, AcceptCommand command) {
        URI address;
        try {
            address = URI.create(command.address());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "Ignoring an accept with a malformed address on "
                    + channel.hybridConnection() + ": " + e.getMessage());
            return;
        }
        if (!RelayAddress.isTrusted(address, container.namespaceUri())) {
            // Never follow an address to another scheme or an arbitrary host.
            LOG.log(System.Logger.Level.WARNING, "Ignoring an accept whose address " + address.getScheme()
                    + "://" + address.getHost() + " is not on the namespace " + container.namespaceUri());
            channel.reportError(new RelayException(0, "untrusted rendezvous address host "
                    + address.getHost() + " ignored", command.id()));
            return;
        }
        try {
            handle(channel, command, address);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Accepting " + command.id() + " failed", e);
            reject(command, 500, "The listener failed to accept the connection. TrackingId: " + command.id());
        }
    }

    private void handle(ControlChannel channel, AcceptCommand command, URI address) {
        String rawPath = RelayAddress.pathAfterHc(address);
        List<String> segments = RelayAddress.decodedSegments(rawPath);
        Deployment deployment = null;
        Map<String, String> pathParameters = null;
        for (Deployment d : channel.deployments()) {
            pathParameters = d.match(segments);
            if (pathParameters != null) {
                deployment = d;
                break;
            }
        }
        if (deployment == null) {
            reject(command, 404, "No endpoint at " + rawPath);
            return;
        }
        String query = RelayAddress.applicationQuery(address.getRawQuery());
        URI namespace = container.namespaceUri();
        URI requestUri = URI.create(namespace.getScheme() + "://" + namespace.getRawAuthority() + rawPath
                + (query == null ? "" : "?" + query));
        // As Tyrus's server does: path parameters join the query parameters (replacing a namesake),
        // and the session's path parameters are the first value of every one of them.
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>(RelayAddress.parameters(query));
        pathParameters.forEach((name, value) -> parameters.put(name, List.of(value)));
        Map<String, String> sessionPathParameters = new HashMap<>();
        parameters.forEach((name, values) -> sessionPathParameters.put(name, values.get(0)));
        RelayedHandshake.Request request = new RelayedHandshake.Request(requestUri, query,
                command.connectHeaders(), java.util.Collections.unmodifiableMap(parameters));

        ServerEndpointConfig config = deployment.config();
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        Map<String, Object> connectionProperties = new HashMap<>(config.getUserProperties());
        String subprotocol;
        List<Extension> extensions;
        Object instance;
        try {
            if (!configurator.checkOrigin(request.header("Origin"))) {
                reject(command, 403, "Origin not allowed");
                return;
            }
            subprotocol = configurator.getNegotiatedSubprotocol(config.getSubprotocols(),
                    splitHeader(request.getHeaders().get("Sec-WebSocket-Protocol")));
            List<String> extensionHeaders = request.getHeaders().get("Sec-WebSocket-Extensions");
            extensions = configurator.getNegotiatedExtensions(config.getExtensions(),
                    extensionHeaders == null ? List.of() : TyrusExtension.fromHeaders(extensionHeaders));
            configurator.modifyHandshake(new PerConnectionConfig(config, connectionProperties), request,
                    new RelayedHandshake.Response());
            instance = configurator.getEndpointInstance(config.getEndpointClass());
        } catch (RejectHandshakeException e) {
            reject(command, e.statusCode(), e.description());
            return;
        } catch (Exception e) {
            if (e instanceof HandshakeException he) { // Tyrus's own way to refuse, thrown sneakily
                reject(command, he.getHttpStatusCode(), he.getMessage());
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + deployment + " failed", e);
            reject(command, 500, "The endpoint's Configurator failed. TrackingId: " + command.id());
            return;
        }
        Runnable releaseInstance = releaser(configurator, instance);
        if (!deployment.accepts(instance)) {
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + deployment + " returned "
                    + (instance == null ? "null" : "an instance of " + instance.getClass().getName())
                    + " as the endpoint instance");
            releaseInstance.run();
            reject(command, 500, "The endpoint's Configurator failed. TrackingId: " + command.id());
            return;
        }
        Map<String, Object> sessionProperties = new HashMap<>(connectionProperties);
        sessionProperties.put(RelayedServerContainer.TRACKING_ID, command.id());
        sessionProperties.put(RelayedServerContainer.HYBRID_CONNECTION, channel.hybridConnection());
        command.remoteEndpoint().ifPresent(r -> sessionProperties.put(RelayedServerContainer.REMOTE_ADDRESS, r));

        RelayedHandshake handshake = new RelayedHandshake(request,
                java.util.Collections.unmodifiableMap(sessionPathParameters),
                subprotocol == null ? "" : subprotocol, List.copyOf(extensions));
        ClientEndpointConfig rendezvous = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocol == null || subprotocol.isEmpty() ? List.of() : List.of(subprotocol))
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .build();
        try {
            container.rendezvousDialer().dial(command.address(), null,
                    new SessionBridge(instance, deployment, handshake, sessionProperties, releaseInstance),
                    rendezvous, headers -> channel.rendezvousHeaders(headers));
        } catch (RelayException | DeploymentException e) {
            releaseInstance.run();
            LOG.log(System.Logger.Level.WARNING, "Opening the rendezvous for " + command.id() + " failed: "
                    + e.getMessage());
            channel.reportError(e);
        }
    }

    /** Destroys the instance (once) if its configurator manages instances, as CDI's does. */
    private static Runnable releaser(ServerEndpointConfig.Configurator configurator, Object instance) {
        if (!(configurator instanceof EndpointInstanceReleaser releaser)) {
            return () -> { };
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                releaser.releaseEndpointInstance(instance);
            }
        };
    }

    /** Rejects through the relay: the sender gets {@code status} and {@code description}. */
    void reject(AcceptCommand command, int status, String description) {
        String address = command.address() + (command.address().contains("?") ? "&" : "?")
                + "sb-hc-statusCode=" + status
                + "&sb-hc-statusDescription=" + UriComponents.encode(description == null ? "" : description);
        try {
            Session s = container.rendezvousDialer().dial(address, null, new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    // a relay that upgrades a reject is broken; just hang up
                }
            }, ClientEndpointConfig.Builder.create().build(), null);
            s.close();
        } catch (RelayException e) {
            if (e.statusCode() != 410) { // 410 Gone is the relay's "rejected as asked"
                LOG.log(System.Logger.Level.WARNING, "Rejecting " + command.id() + " failed: " + e.getMessage());
            }
        } catch (DeploymentException | java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Rejecting " + command.id() + " failed: " + e.getMessage());
        }
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

    /** The config given to {@code modifyHandshake}: the endpoint's, with per-connection user properties (as Tyrus does). */
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
