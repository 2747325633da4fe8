// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;

import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;

import java.util.Map;

/**
 * What Tyrus's {@code ClientManager} dials rendezvous sockets with: it makes this class by name,
 * so the dialer's {@link RendezvousTransport.Route} comes in the client properties. Public for that reason only.
 */
public final class RendezvousClientContainer implements ClientContainer {

    @Override
    public void openClientSocket(ClientEndpointConfig config, Map<String, Object> properties, ClientEngine engine)
            throws DeploymentException {
        if (!(properties.get(RendezvousTransport.PROPERTY) instanceof RendezvousTransport.Route route)) {
            throw new DeploymentException("no " + RendezvousTransport.PROPERTY + " in the client properties");
        }
        RendezvousTransport.open(route, properties, engine);
    }
}
