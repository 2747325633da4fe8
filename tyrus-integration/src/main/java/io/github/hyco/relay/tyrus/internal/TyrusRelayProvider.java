// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayProxy;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.internal.LogRedaction;
import io.github.hyco.relay.spi.RelayProvider;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;

import org.glassfish.tyrus.core.AnnotatedEndpoint;
import org.glassfish.tyrus.core.ComponentProviderService;
import org.glassfish.tyrus.core.ErrorCollector;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The Tyrus implementation, registered for {@link java.util.ServiceLoader}. */
public final class TyrusRelayProvider implements RelayProvider {

    /** The Azure SDKs' sender connect timeout. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(70);
    private static final int INCOMING_BUFFER_SIZE = 4 * 1024 * 1024 + 11;

    /**
     * The client-side loggers that print tokens at debug levels (found by NoSecretsInLogsIT):
     * the upgrade request with its ServiceBusAuthorization header (FINE), the URI with an
     * sb-hc-token (FINE, CONFIG), every text frame sent, renewToken included (FINEST).
     */
    private static final String[] SECRET_PRINTING_LOGGERS = {
            "org.glassfish.tyrus.client.TyrusClientEngine",
            "org.glassfish.tyrus.core.TyrusRemoteEndpoint"};

    /** Senders share a client on the rendezvous transport per way out to the relay. */
    private static final Map<Optional<RelayProxy>, Dialer> SENDERS = new ConcurrentHashMap<>();

    @Override
    public RelayedServerContainer createServerContainer(RelayedServerOptions options) {
        LogRedaction.install(SECRET_PRINTING_LOGGERS);
        return new TyrusRelayedServerContainer(options);
    }

    @Override
    public Session connect(URI address, String token, Object endpoint, ClientEndpointConfig config,
            Map<String, List<String>> headers) throws DeploymentException, IOException {
        return connect(address, token, endpoint, config, headers, null);
    }

    @Override
    public Session connect(URI address, String token, Object endpoint, ClientEndpointConfig config,
            Map<String, List<String>> headers, RelayProxy proxy) throws DeploymentException, IOException {
        LogRedaction.install(SECRET_PRINTING_LOGGERS);
        String scheme = address.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
            throw new IllegalArgumentException("address must be a ws:// or wss:// send URI, was '" + address + "'");
        }
        Endpoint target;
        ClientEndpointConfig effective;
        if (endpoint instanceof Endpoint e) {
            target = e;
            effective = config != null ? config : ClientEndpointConfig.Builder.create().build();
        } else if (endpoint.getClass().isAnnotationPresent(ClientEndpoint.class)) {
            ErrorCollector errors = new ErrorCollector();
            AnnotatedEndpoint annotated = AnnotatedEndpoint.fromInstance(endpoint,
                    ComponentProviderService.createClient(), false, INCOMING_BUFFER_SIZE, errors);
            if (!errors.isEmpty()) {
                throw errors.composeComprehensiveException();
            }
            target = annotated;
            effective = config != null ? config : (ClientEndpointConfig) annotated.getEndpointConfig();
        } else {
            throw new IllegalArgumentException("endpoint must be an Endpoint or a @ClientEndpoint object, was "
                    + endpoint.getClass().getName());
        }
        String uri = address.toString();
        if (address.getRawQuery() == null || !address.getRawQuery().contains("sb-hc-id=")) {
            // a tracking id of our own, so failures can be traced (protocol.md §3.5)
            uri += (address.getRawQuery() == null ? "?" : "&") + "sb-hc-id=" + UUID.randomUUID();
        }
        return senders(proxy).dial(uri, token, target, effective, h -> headers.forEach((name, values) ->
                h.put(name, List.copyOf(values))));
    }

    /** One dialer per way out (the JVM's choice, or each explicit proxy), made on first use. */
    private static Dialer senders(RelayProxy proxy) {
        return SENDERS.computeIfAbsent(Optional.ofNullable(proxy), p -> Dialer.shared(
                new Dialer.Transport(Map.of(), null, p.orElse(null)), CONNECT_TIMEOUT, "hyco-sender-session"));
    }
}
