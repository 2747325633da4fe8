// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;

import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.DebugContext;
import org.glassfish.tyrus.core.Handshake;
import org.glassfish.tyrus.core.HandshakeException;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusEndpointWrapper;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.core.Version;
import org.glassfish.tyrus.spi.UpgradeResponse;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the rendezvous socket of one accepted sender as a Tyrus client session of its deployment's
 * endpoint wrapper ({@link Deployment#rendezvousWrapper()}), made once per deployment as Tyrus's
 * server makes one per endpoint. Tyrus's {@code ClientManager} made a wrapper (with its reflection
 * over every default decoder) and a client engine for every connection; this does what its engine
 * does with Tyrus's public parts: the client handshake, a protocol handler and a socket, the
 * session, then whole frames straight to the protocol handler ({@link TyrusFrames}).
 */
final class RendezvousEngine {

    /** What a session is closed with when the relay closes or resets its socket (as Tyrus's engine does). */
    private static final CloseReason LOST = CloseReasons.CLOSED_ABNORMALLY.getCloseReason();

    private RendezvousEngine() {
    }

    /**
     * Dials {@code address} (sent byte for byte) and opens a session that {@code bridge} serves; its
     * {@code onOpen} has run when this returns.
     *
     * @param subprotocol offered to the relay (it tells the sender), or null
     * @param headersHook sees (and may change) the request headers just before they are sent, or null
     * @throws RelayException with the relay's status if it refused the upgrade, else naming what failed
     */
    static Session open(Dialer dialer, String address, Deployment deployment, SessionBridge bridge, String subprotocol,
            Consumer<Map<String, List<String>>> headersHook) throws RelayException {
        URI target = URI.create(address);
        Handshake handshake = handshake(target, subprotocol);
        if (headersHook != null) {
            headersHook.accept(handshake.getRequest().getHeaders());
        }
        RelayTransport.Upgraded upgraded = upgrade(dialer, target, handshake);
        RelaySocket socket = upgraded.socket();
        UpgradeResponse response = upgraded.response();
        try {
            if (response.getStatus() != 101) {
                throw refusal(response);
            }
            handshake.validateServerResponse(response);
        } catch (HandshakeException e) {
            socket.abort();
            throw new RelayException(0, "the relay's upgrade response is not valid: " + e.getMessage(), null, e);
        } catch (RelayException e) {
            socket.abort();
            throw e;
        }
        TyrusEndpointWrapper wrapper = deployment.rendezvousWrapper();
        DebugContext debug = new DebugContext();
        ProtocolHandler protocol = Version.DRAFT17.createHandler(true, null);
        TyrusWebSocket webSocket = new TyrusWebSocket(protocol, wrapper);
        Session session = wrapper.createSessionForRemoteEndpoint(webSocket,
                response.getFirstHeaderValue(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL), List.of(), debug);
        bridge.attachTo(session);
        protocol.setWriter(socket);
        protocol.setExtensions(List.of());
        webSocket.onConnect(handshake.getRequest(), null, null, null, debug);
        socket.start(TyrusFrames.of(protocol, webSocket, bridge), () -> webSocket.close(LOST.getCloseCode().getCode(),
                LOST.getReasonPhrase()),
                dialer.maxFrame());
        return session;
    }

    /**
     * Dials the address of a rejection (design.md §2): the relay answers with an HTTP error and
     * tells the sender the status the address carries. An upgrade is hung up at once.
     *
     * @throws RelayException with the relay's status (410 Gone: rejected as asked), or naming what failed
     */
    static void reject(Dialer dialer, String address) throws RelayException {
        URI target = URI.create(address);
        RelayTransport.Upgraded upgraded = upgrade(dialer, target, handshake(target, null));
        upgraded.socket().abort();
        if (upgraded.response().getStatus() != 101) {
            throw refusal(upgraded.response());
        }
    }

    private static Handshake handshake(URI target, String subprotocol) {
        Handshake handshake = Handshake.createClientHandshake(RequestContext.Builder.create().requestURI(target)
                .secure("wss".equalsIgnoreCase(target.getScheme())).build());
        handshake.setSubProtocols(subprotocol == null || subprotocol.isEmpty() ? List.of() : List.of(subprotocol));
        handshake.setExtensions(List.of());
        handshake.prepareRequest();
        return handshake;
    }

    private static RelayTransport.Upgraded upgrade(Dialer dialer, URI target, Handshake handshake)
            throws RelayException {
        try {
            return RelayTransport.upgrade(dialer.route(), handshake.getRequest(),
                    System.nanoTime() + dialer.timeout().toNanos());
        } catch (IOException | RuntimeException e) {
            throw new RelayException(0, dialer.connectionFailure(target, e), null, e);
        }
    }

    private static RelayException refusal(UpgradeResponse response) {
        return RelayException.of(response.getStatus(), response.getReasonPhrase(),
                response.getFirstHeaderValue("TrackingId"), null);
    }
}
