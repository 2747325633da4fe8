// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.spi;

import io.github.hyco.relay.RelayProxy;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.List;

/**
 * The service an implementation ({@code hyco-jakarta-tyrus}) registers in
 * {@code META-INF/services/io.github.hyco.relay.spi.RelayProvider}. Applications do not use it.
 */
public interface RelayProvider {

    RelayedServerContainer createServerContainer(RelayedServerOptions options);

    /**
     * Connects {@code endpoint} (an {@code Endpoint} or {@code @ClientEndpoint} object) as a sender.
     *
     * @param config for an {@code Endpoint}: subprotocols, coders and configurator; may be null
     * @param headers extra request headers passed to the listener; may be empty
     */
    Session connect(URI address, String token, Object endpoint, ClientEndpointConfig config,
            Map<String, List<String>> headers) throws DeploymentException, IOException;

    /**
     * {@link #connect(URI, String, Object, ClientEndpointConfig, Map)} through {@code proxy}; null
     * leaves the choice to the JVM's {@link java.net.ProxySelector}.
     */
    default Session connect(URI address, String token, Object endpoint, ClientEndpointConfig config,
            Map<String, List<String>> headers, RelayProxy proxy) throws DeploymentException, IOException {
        if (proxy != null) {
            throw new UnsupportedOperationException(getClass().getName() + " does not connect senders through "
                    + "an explicit proxy");
        }
        return connect(address, token, endpoint, config, headers);
    }
}
