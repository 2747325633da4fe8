// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;
import io.github.hyco.relay.internal.Providers;
import io.github.hyco.relay.internal.UriComponents;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The helpers of the Node package {@code hyco-ws}, in Java: relay URIs for listeners and senders,
 * and SAS tokens.
 *
 * <pre>{@code
 * URI listen = HybridConnections.createRelayListenUri("contoso.servicebus.windows.net", "echo");
 * // wss://contoso.servicebus.windows.net/$hc/echo?sb-hc-action=listen
 * String token = HybridConnections.createRelayToken(listen.toString(), "RootManageSharedAccessKey", key);
 * }</pre>
 *
 * <h2>Namespace</h2>
 * A {@code namespace} is a host or {@code host:port}, such as
 * {@code contoso.servicebus.windows.net}; URIs for it use {@code wss://}. It may also be written
 * with a scheme, which selects the WebSocket scheme: {@code sb://}, {@code wss://} and
 * {@code https://} give {@code wss://}; {@code ws://} and {@code http://} give plain
 * {@code ws://}, which is what a local emulator without TLS needs
 * ({@code createRelayListenUri("ws://localhost:9090", "echo")}). A trailing {@code /} is ignored,
 * so the {@code Endpoint} of a connection string can be passed as it is.
 *
 * <h2>Path</h2>
 * The {@code path} is the Hybrid Connection name, optionally followed by more segments
 * ({@code chat/lobby}). It is given unencoded; each segment is percent-encoded once.
 */
public final class HybridConnections {

    /** Validity of tokens made without an explicit one, as in hyco-ws. */
    public static final Duration DEFAULT_TOKEN_VALIDITY = Duration.ofHours(1);

    private HybridConnections() {
    }

    /** {@code wss://{namespace}/$hc/{path}?sb-hc-action=listen}. */
    public static URI createRelayListenUri(String namespace, String path) {
        return createRelayListenUri(namespace, path, null, null);
    }

    /**
     * {@code wss://{namespace}/$hc/{path}?sb-hc-action=listen[&sb-hc-token=…][&sb-hc-id=…]}.
     *
     * @param token a token to carry in the query, or null (prefer the {@code ServiceBusAuthorization}
     *     header where the client can set one)
     * @param trackingId a tracking id (a GUID string is recommended), or null
     */
    public static URI createRelayListenUri(String namespace, String path, String token,
            String trackingId) {
        return createRelayUri(namespace, path, "listen", token, trackingId);
    }

    /** {@code wss://{namespace}/$hc/{path}?sb-hc-action=connect}. */
    public static URI createRelaySendUri(String namespace, String path) {
        return createRelaySendUri(namespace, path, null, null);
    }

    /**
     * {@code wss://{namespace}/$hc/{path}?sb-hc-action=connect[&sb-hc-token=…][&sb-hc-id=…]}. A URI
     * with a short-lived token is what a browser needs: the W3C WebSocket API cannot set headers.
     */
    public static URI createRelaySendUri(String namespace, String path, String token,
            String trackingId) {
        return createRelayUri(namespace, path, "connect", token, trackingId);
    }

    /** A SAS token for {@code uri}, valid for {@link #DEFAULT_TOKEN_VALIDITY one hour}. */
    public static String createRelayToken(String uri, String keyName, String key) {
        return createRelayToken(uri, keyName, key, DEFAULT_TOKEN_VALIDITY);
    }

    /**
     * A SAS token for {@code uri}, byte for byte what hyco-ws's {@code createRelayToken} makes at
     * the same second. See {@link SharedAccessSignature#create} for how the URI is normalised.
     *
     * @param validity how long the token is valid from now; positive
     */
    public static String createRelayToken(String uri, String keyName, String key,
            Duration validity) {
        Arguments.requireNonBlank(uri, "uri");
        Arguments.requirePositive(validity, "validity");
        return SharedAccessSignature.create(uri, keyName, key, Instant.now().plus(validity)).token();
    }

    /** {@code uri} with an {@code sb-hc-token} valid for one hour. */
    public static URI appendRelayToken(URI uri, String keyName, String key) {
        return appendRelayToken(uri, keyName, key, DEFAULT_TOKEN_VALIDITY);
    }

    /**
     * {@code uri} with an {@code sb-hc-token} query parameter carrying a token for it. The query
     * is started or extended as needed; an {@code sb-hc-token} already there is replaced.
     */
    public static URI appendRelayToken(URI uri, String keyName, String key, Duration validity) {
        Objects.requireNonNull(uri, "uri must not be null");
        if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("uri must be absolute (scheme://host/...), was "
                    + Arguments.quote(uri.toString()));
        }
        String token = createRelayToken(uri.toString(), keyName, key, validity);
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                if (!parameter.isEmpty() && !parameter.startsWith("sb-hc-token=")) {
                    query.append(parameter).append('&');
                }
            }
        }
        query.append("sb-hc-token=").append(UriComponents.encode(token));
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + "?" + query
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    /**
     * hyco-ws's {@code createRelayedServer}: listens on a Hybrid Connection and hands each new
     * session to {@code onConnection}, which adds its message handlers. The Hybrid Connection is
     * the connection string's {@code EntityPath}; senders connect to its own path (no suffix).
     *
     * @param options the container settings, such as
     *     {@code RelayedServerContainer.builder().connectionString(cs)}
     * @return the container; close it to stop listening
     * @throws IllegalArgumentException if the options name no {@code EntityPath}
     */
    public static RelayedServerContainer createRelayedServer(RelayedServerOptions.Builder options,
            Consumer<Session> onConnection) throws DeploymentException {
        Objects.requireNonNull(options, "options must not be null");
        String entityPath = options.options().entityPath().orElseThrow(() -> new IllegalArgumentException(
                "options name no Hybrid Connection: put EntityPath=... in the connection string, "
                        + "or call createRelayedServer(options, hybridConnection, onConnection)"));
        return createRelayedServer(options, entityPath, onConnection);
    }

    /** {@link #createRelayedServer(RelayedServerOptions.Builder, Consumer)} on {@code hybridConnection}. */
    public static RelayedServerContainer createRelayedServer(RelayedServerOptions.Builder options,
            String hybridConnection, Consumer<Session> onConnection) throws DeploymentException {
        Objects.requireNonNull(options, "options must not be null");
        Arguments.requireNonBlank(hybridConnection, "hybridConnection");
        Objects.requireNonNull(onConnection, "onConnection must not be null");
        RelayedServerContainer container = options.build();
        try {
            container.addEndpoint(ServerEndpointConfig.Builder
                    .create(ConnectionEndpoint.class, "/")
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(new ConnectionEndpoint(onConnection));
                        }
                    })
                    .build(), hybridConnection);
        } catch (DeploymentException | RuntimeException e) {
            container.close();
            throw e;
        }
        return container;
    }

    /**
     * hyco-ws's {@code relayedConnect}: connects {@code endpoint}, an {@code Endpoint} or an
     * object of a {@code @ClientEndpoint} class, to a send URI as a sender.
     *
     * @param address a send URI ({@link #createRelaySendUri})
     * @param token sent in the {@code ServiceBusAuthorization} header; null for a URI that carries
     *     {@code sb-hc-token}, or for a Hybrid Connection that needs no client authorization
     * @throws EndpointNotFoundException 404: no such Hybrid Connection, or no listener
     * @throws AuthorizationFailedException 401/403
     * @throws RelayException the listener's reject status and description, or another failure
     */
    public static Session relayedConnect(URI address, String token, Object endpoint)
            throws DeploymentException, IOException {
        return relayedConnect(address, token, endpoint, null, Map.of());
    }

    /**
     * {@link #relayedConnect(URI, String, Object)} with a client config (subprotocols, coders,
     * configurator) and extra request headers, which the listener sees.
     */
    public static Session relayedConnect(URI address, String token, Object endpoint,
            ClientEndpointConfig config, Map<String, List<String>> headers)
            throws DeploymentException, IOException {
        return relayedConnect(address, token, endpoint, config, headers, null);
    }

    /**
     * {@link #relayedConnect(URI, String, Object, ClientEndpointConfig, Map)} through an HTTP proxy,
     * as a listener with {@code RelayedServerOptions.proxy(...)} reaches the relay ({@code CONNECT}
     * tunnel, credentials on it); null leaves the choice to the JVM's {@link java.net.ProxySelector}.
     */
    public static Session relayedConnect(URI address, String token, Object endpoint,
            ClientEndpointConfig config, Map<String, List<String>> headers, RelayProxy proxy)
            throws DeploymentException, IOException {
        Objects.requireNonNull(address, "address must not be null");
        Objects.requireNonNull(endpoint, "endpoint must not be null");
        if (token != null) {
            Arguments.requireSecret(token, "token");
        }
        return Providers.provider().connect(address, token, endpoint, config,
                headers == null ? Map.of() : headers, proxy);
    }

    /** The endpoint of {@link #createRelayedServer}: hands each session to the callback. */
    static final class ConnectionEndpoint extends Endpoint {
        private final Consumer<Session> onConnection;

        ConnectionEndpoint(Consumer<Session> onConnection) {
            this.onConnection = onConnection;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            onConnection.accept(session);
        }
    }

    private static URI createRelayUri(String namespace, String path, String action, String token,
            String trackingId) {
        StringBuilder uri = new StringBuilder(webSocketBase(namespace))
                .append("/$hc/").append(encodePath(path))
                .append("?sb-hc-action=").append(action);
        if (token != null) {
            Arguments.requireSecret(token, "token");
            uri.append("&sb-hc-token=").append(UriComponents.encode(token));
        }
        if (trackingId != null) {
            Arguments.requireNonBlank(trackingId, "trackingId");
            uri.append("&sb-hc-id=").append(UriComponents.encode(trackingId));
        }
        return URI.create(uri.toString());
    }

    /** {@code wss://host[:port]} or {@code ws://host[:port]} for a namespace as documented above. */
    static String webSocketBase(String namespace) {
        Arguments.requireNonBlank(namespace, "namespace");
        String scheme = "wss";
        String authority = namespace.trim();
        int schemeEnd = authority.indexOf("://");
        if (schemeEnd >= 0) {
            String given = authority.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            scheme = switch (given) {
                case "sb", "wss", "https" -> "wss";
                case "ws", "http" -> "ws";
                default -> throw new IllegalArgumentException("namespace must be a host, host:port or "
                        + "sb://, wss://, ws://, https://, http:// followed by one, but the scheme is "
                        + Arguments.quote(given) + " in " + Arguments.quote(namespace));
            };
            authority = authority.substring(schemeEnd + 3);
        }
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        if (authority.isEmpty() || !authority.matches("[A-Za-z0-9._~\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("namespace must be a host or host:port (like "
                    + "contoso.servicebus.windows.net), was " + Arguments.quote(namespace));
        }
        return scheme + "://" + authority;
    }

    /** Percent-encodes each segment of a Hybrid Connection path given unencoded. */
    static String encodePath(String path) {
        Arguments.requireNonBlank(path, "path");
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw new IllegalArgumentException("path must not contain '?' or '#' (pass query "
                    + "parameters separately), was " + Arguments.quote(path));
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        StringBuilder encoded = new StringBuilder();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isBlank()) {
                throw new IllegalArgumentException("path must not have empty segments, was "
                        + Arguments.quote(path));
            }
            if (encoded.length() > 0) {
                encoded.append('/');
            }
            encoded.append(UriComponents.encode(segment));
        }
        return encoded.toString();
    }
}
