// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.RelayEvent;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A relayed connection: the sender's socket spliced to the listener's rendezvous socket. Each frame
 * read on one side is written to the other as one part ({@code MessageHandler.Partial} and
 * {@code sendText/sendBinary(part, last)}), so message boundaries and fragments are kept. The write is
 * synchronous: while the peer's socket is full, the reading side is not read any further, so a slow
 * reader slows its writer and the emulator buffers at most one frame per direction. Pings are
 * answered by Tyrus on each side and pongs dropped: control frames stay on their hop, as nothing
 * shows Azure forwarding them (see {@code RelayEmulator}); with {@code forwardPings} each side's
 * pings and pongs go to the other side instead, which answers them.
 */
final class Rendezvous {

    private static final System.Logger LOG = System.getLogger(Rendezvous.class.getName());

    final Entity entity;
    final String id;
    final Side sender;
    final Side listener;
    private final Duration peerWait;
    /** Frames larger than this go out as fragments of this size; 0 passes them whole. */
    private final int fragmentSize;
    private final boolean forwardPings;
    private final EventLog events;
    /** The sender's upgrade headers, for the event log. */
    private final Map<String, String> senderHeaders;
    private final AtomicBoolean closeRecorded = new AtomicBoolean();
    private volatile CloseReason closedWith;

    Rendezvous(Entity entity, String id, Duration peerWait, int fragmentSize, boolean forwardPings,
            EventLog events, Map<String, String> senderHeaders, ConnState senderConn, ConnState listenerConn) {
        this.sender = new Side("sender", senderConn);
        this.listener = new Side("listener", listenerConn);
        this.entity = entity;
        this.id = id;
        this.peerWait = peerWait;
        this.fragmentSize = fragmentSize;
        this.forwardPings = forwardPings;
        this.events = events;
        this.senderHeaders = senderHeaders;
    }

    /** Closes both sides, e.g. with 1001 when the entity is deleted. */
    void close(CloseReason reason) {
        sender.closeWith(reason);
        listener.closeWith(reason);
    }

    /** A blocking send on the peer's side. */
    private interface PeerSend {
        void to(RemoteEndpoint.Basic peer) throws IOException;
    }

    /** One socket of the pair. */
    final class Side implements ConnState.Role {

        private final String name;
        private final ConnState conn;
        private final CompletableFuture<Session> session = new CompletableFuture<>();

        Side(String name, ConnState conn) {
            this.name = name;
            this.conn = conn;
        }

        private Side peer() {
            return this == sender ? listener : sender;
        }

        @Override
        public void opened(Session s) {
            s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) ->
                    toPeer(peer -> Fragments.sendText(peer, part, last, fragmentSize)));
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                    toPeer(peer -> Fragments.sendBinary(peer, part, last, fragmentSize)));
            if (forwardPings) {
                s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
                        toPeer(peer -> peer.sendPong(pong.getApplicationData())));
            }
            session.complete(s);
            CloseReason early = closedWith;
            if (early != null) {
                closeWith(early);
            }
        }

        /** With {@code forwardPings}, this side's pings go to the peer, unanswered by the relay. */
        @Override
        public Consumer<byte[]> pingTaker() {
            return !forwardPings ? null : payload -> toPeer(peer -> peer.sendPing(ByteBuffer.wrap(payload)));
        }

        /** Sends to the peer once its session is open; nothing if it never opens or is closing. */
        private void toPeer(PeerSend send) {
            Session p = peer().await();
            if (p != null) {
                try {
                    send.to(p.getBasicRemote());
                } catch (IOException | IllegalStateException e) {
                    // the peer is closing; its onClose ends this side too
                }
            }
        }

        /** The peer's session once it is open; null if it failed or did not open in time. */
        private Session await() {
            try {
                return session.get(peerWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void closed(CloseReason reason) {
            LOG.log(Level.DEBUG, "Connection {0} on ''{1}'': {2} closed with {3} {4}", id, entity.name, name,
                    String.valueOf(reason.getCloseCode().getCode()), reason.getReasonPhrase());
            entity.connections.remove(Rendezvous.this);
            if (closeRecorded.compareAndSet(false, true)) {
                events.record(new RelayEvent.SenderClosed(Instant.now(), entity.name, id, senderHeaders,
                        reason.getCloseCode().getCode(), reason.getReasonPhrase(), this == listener));
            }
            CloseReason forward = forwardable(reason);
            if (closedWith == null) {
                closedWith = forward;
            }
            peer().closeWith(forward);
        }

        @Override
        public void connectionClosed() {
            if (session.completeExceptionally(new IOException("closed before the upgrade completed"))) {
                closed(new CloseReason(CloseCodes.CLOSED_ABNORMALLY, ""));
            }
        }

        void closeWith(CloseReason reason) {
            Session s = session.getNow(null);
            if (s != null) {
                conn.closeSession(s, reason, () -> { }); // not open: it is closing already
            }
        }
    }

    /**
     * The close the peer gets. Codes that may not be sent on the wire become what the service sends:
     * 1001 when a side vanished without a close frame, 1000 when it sent a close frame without a code.
     */
    static CloseReason forwardable(CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        return switch (code) {
            case 1005 -> new CloseReason(CloseCodes.NORMAL_CLOSURE, "");
            case 1006, 1015 -> new CloseReason(CloseCodes.GOING_AWAY, "The peer connection was lost.");
            default -> reason;
        };
    }
}
