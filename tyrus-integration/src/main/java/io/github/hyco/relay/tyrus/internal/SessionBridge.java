package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.util.Map;

/**
 * The client-side endpoint of one rendezvous socket: it wraps Tyrus's session in a
 * {@link RelayedSession} and hands every event on to the deployed endpoint with that session.
 */
final class SessionBridge extends Endpoint {

    private final Endpoint target;
    private final Deployment deployment;
    private final RelayedHandshake handshake;
    private final Map<String, Object> userProperties;
    private final Runnable releaseInstance;
    private volatile RelayedSession session;

    /** @param releaseInstance called once the session is over, to destroy the endpoint instance */
    SessionBridge(Endpoint target, Deployment deployment, RelayedHandshake handshake,
            Map<String, Object> userProperties, Runnable releaseInstance) {
        this.target = target;
        this.deployment = deployment;
        this.handshake = handshake;
        this.userProperties = userProperties;
        this.releaseInstance = releaseInstance;
    }

    @Override
    public void onOpen(Session socket, EndpointConfig ignored) {
        RelayedSession relayed = new RelayedSession(socket, deployment, handshake, userProperties);
        session = relayed;
        deployment.opened(relayed);
        target.onOpen(relayed, deployment.config());
    }

    @Override
    public void onClose(Session socket, CloseReason closeReason) {
        RelayedSession relayed = session(socket);
        try {
            target.onClose(relayed, closeReason);
        } finally {
            deployment.closed(relayed);
            deployment.container().sessionClosed(relayed);
            releaseInstance.run();
        }
    }

    @Override
    public void onError(Session socket, Throwable thr) {
        target.onError(session(socket), thr);
    }

    private RelayedSession session(Session socket) {
        RelayedSession s = session;
        // An error before onOpen (a failing decoder init, say) still gets a session to report on.
        return s != null ? s : new RelayedSession(socket, deployment, handshake, userProperties);
    }
}
