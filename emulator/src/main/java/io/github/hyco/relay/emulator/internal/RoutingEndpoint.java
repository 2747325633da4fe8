// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The one Tyrus endpoint behind every upgrade. The front filter has already decided what the
 * connection is (control channel or one side of a rendezvous) and left that in a {@link ConnState},
 * whose id it put in the rewritten request's query.
 */
public final class RoutingEndpoint extends Endpoint {

    static final String CONTROL_PATH = "/hyco-emulator/control";
    static final String RENDEZVOUS_PATH = "/hyco-emulator/rendezvous";
    static final String CONNECTION_PARAM = "connection";

    private static final System.Logger LOG = System.getLogger(RoutingEndpoint.class.getName());
    private static final String ROLE = RoutingEndpoint.class.getName() + ".role";

    private final RelayServer server;

    RoutingEndpoint(RelayServer server) {
        this.server = server;
    }

    static ServerEndpointConfig config(RelayServer server, String path) {
        return ServerEndpointConfig.Builder.create(RoutingEndpoint.class, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new RoutingEndpoint(server));
                    }

                    // The front filter leaves at most the one protocol to answer with.
                    @Override
                    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
                        return requested.isEmpty() ? "" : requested.get(0);
                    }

                    @Override
                    public List<Extension> getNegotiatedExtensions(List<Extension> installed,
                            List<Extension> requested) {
                        return List.of();
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        List<String> ids = session.getRequestParameterMap().get(CONNECTION_PARAM);
        ConnState conn = ids == null ? null : server.connections().get(ids.get(0));
        ConnState.Role role = conn == null ? null : conn.role;
        if (role == null) {
            // only the front filter routes upgrades here: the TCP connection closed (or the relay
            // stopped) while Tyrus was still completing this one, which is no one's fault
            LOG.log(Level.DEBUG, "Upgrade of a connection that is already gone; closing its session");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "Not routed."));
            } catch (java.io.IOException e) {
                // nothing more to do
            }
            return;
        }
        session.getUserProperties().put(ROLE, role);
        role.opened(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (session.getUserProperties().get(ROLE) instanceof ConnState.Role role) {
            role.closed(closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(Level.DEBUG, "WebSocket error on session " + session.getId(), error);
    }
}
