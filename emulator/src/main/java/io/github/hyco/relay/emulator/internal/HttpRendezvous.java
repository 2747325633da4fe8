// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebSocket a listener opens with {@code sb-hc-action=request} for one HTTP sender: the request
 * that made it comes (or its response goes) over it, and so do the sender's later requests while both
 * stay connected. Messages from the listener go to the request being served.
 */
final class HttpRendezvous implements ConnState.Role {

    private final HttpRelay relay;
    final ConnState conn;
    final ConnState sender;
    final ListenerChannel listener;
    final String address;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile HttpExchange current;

    HttpRendezvous(HttpRelay relay, ConnState conn, ConnState sender, ListenerChannel listener, String address,
            HttpExchange first) {
        this.relay = relay;
        this.conn = conn;
        this.sender = sender;
        this.listener = listener;
        this.address = address;
        this.current = first;
    }

    HttpExchange current() {
        return current;
    }

    void serve(HttpExchange exchange) {
        current = exchange;
    }

    /** The exchange is over; the rendezvous waits for the sender's next request. */
    void done(HttpExchange exchange) {
        if (current == exchange) {
            current = null;
        }
    }

    @Override
    public void opened(Session s) {
        s.setMaxTextMessageBufferSize(ListenerChannel.MAX_CONTROL_MESSAGE);
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            HttpExchange e = current;
            if (e == null) {
                close(1008, "Received a text message while no request is waiting for a response.");
            } else {
                e.onRendezvousText(text, this);
            }
        });
        s.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            HttpExchange e = current;
            if (e == null) {
                close(1008, "Received a binary message while no response is being sent.");
            } else {
                e.onResponseBody(part, last);
            }
        });
        session = s;
        HttpExchange e = current;
        if (e != null) {
            e.rendezvousOpened(this);
        }
    }

    @Override
    public void closed(CloseReason reason) {
        connectionClosed();
    }

    @Override
    public void connectionClosed() {
        if (closed.compareAndSet(false, true)) {
            relay.rendezvousClosed(this);
        }
    }

    /** Sends a whole text message (a {@code request}). */
    void sendText(String json) throws IOException {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IOException("the rendezvous is closed");
        }
        s.getBasicRemote().sendText(json);
    }

    /** Sends part of a request body as frames of at most 64 KiB, as the service does. */
    void sendBody(ByteBuffer part, boolean last) throws IOException {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IOException("the rendezvous is closed");
        }
        Fragments.sendBinary(s.getBasicRemote(), part, last, ListenerChannel.MAX_CONTROL_MESSAGE);
    }

    void close(int code, String reason) {
        conn.closeSession(session, new CloseReason(CloseReason.CloseCodes.getCloseCode(code),
                ListenerChannel.closeReasonText(reason)), conn::close);
    }
}
