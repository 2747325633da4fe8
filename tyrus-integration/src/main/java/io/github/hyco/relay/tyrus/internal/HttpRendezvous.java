// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One HTTP rendezvous WebSocket ({@code sb-hc-action=request}): the relay sends requests on it
 * (a {@code request} text message, then the body as binary fragments), and responses go back on it.
 * It stays open after a response, as the protocol asks and hyco-https does, because the relay sends
 * the sender's later requests on the same connection; it ends when the relay closes it or the
 * listener closes. Requests on it come one after another, as on the sender's HTTP connection.
 */
final class HttpRendezvous extends Endpoint {

    private static final System.Logger LOG = System.getLogger(HttpRendezvous.class.getName());

    private final HttpDispatcher dispatcher;
    private volatile Session session;
    /** The body being received; touched only by the WebSocket reader. */
    private BodyPipe body;

    HttpRendezvous(HttpDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        session = s;
        s.setMaxIdleTimeout(0); // the relay closes it when the sender's connection goes
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onText);
        s.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::onFragment);
    }

    private void onText(String message) {
        RequestCommand command;
        try {
            JsonValue request = AcceptCommand.read(message).get("request");
            if (request == null) {
                LOG.log(System.Logger.Level.DEBUG, "Ignoring a non-request message on an HTTP rendezvous");
                return;
            }
            command = RequestCommand.parse(request);
            if (command.rendezvousOnly()) {
                throw new AcceptCommand.MalformedException("request on a rendezvous without method and body",
                        command.id(), null);
            }
        } catch (AcceptCommand.MalformedException e) {
            dispatcher.malformed(e);
            return;
        }
        if (body != null) { // the relay sends one request at a time: the earlier body will never end
            body.fail("the relay sent another request before this request's body ended");
        }
        BodyPipe pipe = command.body() ? new BodyPipe(System.nanoTime() + HttpDispatcher.DEADLINE.toNanos()) : null;
        body = pipe;
        dispatcher.onRendezvousRequest(this, command, pipe != null ? pipe : InputStream.nullInputStream());
    }

    private void onFragment(ByteBuffer fragment, boolean last) {
        BodyPipe pipe = body;
        if (pipe == null) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a binary message without a request on an HTTP rendezvous");
            return;
        }
        if (last) {
            body = null;
        }
        try {
            pipe.push(fragment, last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipe.fail("interrupted while receiving the request body");
        }
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        BodyPipe pipe = body;
        if (pipe != null) {
            pipe.fail("the relay closed the rendezvous before the request body ended ("
                    + reason.getCloseCode().getCode() + ")");
        }
        dispatcher.rendezvousClosed(this);
    }

    @Override
    public void onError(Session s, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "HTTP rendezvous error: " + error);
    }

    synchronized void sendText(String text) throws IOException {
        remote().sendText(text);
    }

    synchronized void sendFragment(ByteBuffer fragment, boolean last) throws IOException {
        remote().sendBinary(fragment, last);
    }

    /** Tyrus throws IllegalStateException for a session that has closed: that is an I/O failure here. */
    private RemoteEndpoint.Basic remote() throws IOException {
        Session s = session;
        try {
            if (s != null && s.isOpen()) {
                return s.getBasicRemote();
            }
        } catch (IllegalStateException e) {
            throw new IOException("the HTTP rendezvous is closed", e);
        }
        throw new IOException("the HTTP rendezvous is closed");
    }

    /** Closes the socket; a response in progress is cut off (the relay then drops the sender's connection). */
    void close(CloseReason.CloseCode code, String reason) {
        Session s = session;
        if (s != null && s.isOpen()) {
            try {
                s.close(new CloseReason(code, reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing an HTTP rendezvous failed: " + e.getMessage());
            }
        }
    }
}
