// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;

import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;

import java.util.Map;

/**
 * What Tyrus's {@code ClientManager} dials the relay's WebSockets with: it makes this class by name,
 * so the dialer's {@link RelayTransport.Route} comes in the client properties. Public for that reason only.
 */
public final class RelayClientContainer implements ClientContainer {

    @Override
    public void openClientSocket(ClientEndpointConfig config, Map<String, Object> properties, ClientEngine engine)
            throws DeploymentException {
        if (!(properties.get(RelayTransport.PROPERTY) instanceof RelayTransport.Route route)) {
            throw new DeploymentException("no " + RelayTransport.PROPERTY + " in the client properties");
        }
        RelayTransport.open(route, properties, engine);
    }
}
