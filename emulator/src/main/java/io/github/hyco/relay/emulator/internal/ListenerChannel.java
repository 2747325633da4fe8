// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.RelayEvent;
import io.github.hyco.relay.internal.LogLimiter;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A listener's control channel: receives {@code renewToken} and {@code response} (with its body as
 * the next binary message), gets {@code accept} and {@code request} messages.
 */
final class ListenerChannel implements ConnState.Role {

    static final int MAX_CONTROL_MESSAGE = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(ListenerChannel.class.getName());
    private static final LogLimiter VIOLATIONS = new LogLimiter(System::nanoTime, LOG);

    final RelayServer server;
    final Entity entity;
    final ConnState conn;
    final String trackingId;
    /** Scheme, host and port of accept addresses: those the listener dialled, or the gateway host's. */
    final String acceptBase;
    /** The hosts and ports a token may name: those of listen, including the Host the listener dialled. */
    private final Authorizer.LocalAuthorities audiences;
    private final Liveness liveness;
    /** The listen request's headers, for the event log. */
    private final Map<String, String> headers;
    private final AtomicBoolean closeRecorded = new AtomicBoolean();
    private volatile Session session;
    private volatile Instant tokenExpiry;
    private volatile String keyName;
    private ScheduledFuture<?> expiryTask;
    /** Where the next binary message goes: the body of the {@code response} just received. */
    private volatile Consumer<ByteBuffer> pendingBody;

    ListenerChannel(RelayServer server, Entity entity, ConnState conn, String trackingId, String acceptBase,
            Authorizer.Grant token, Authorizer.LocalAuthorities audiences, Map<String, String> headers) {
        this.server = server;
        this.audiences = audiences;
        this.headers = headers;
        this.liveness = new Liveness(server.settings().listenerPingInterval(),
                server.settings().listenerPingTimeout(), System.nanoTime());
        this.entity = entity;
        this.conn = conn;
        this.trackingId = trackingId;
        this.acceptBase = acceptBase;
        this.tokenExpiry = token.expiresAt();
        this.keyName = token.keyName();
    }

    boolean isOnline() {
        Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void opened(Session s) {
        session = s;
        s.setMaxTextMessageBufferSize(MAX_CONTROL_MESSAGE);
        s.setMaxBinaryMessageBufferSize(MAX_CONTROL_MESSAGE);
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            liveness.heard(System.nanoTime());
            onText(text);
        });
        s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
                liveness.heard(System.nanoTime()));
        s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
            liveness.heard(System.nanoTime());
            Consumer<ByteBuffer> body = pendingBody;
            pendingBody = null;
            if (b.remaining() > MAX_CONTROL_MESSAGE) {
                close(1009, "Control messages are limited to 64 KiB.");
            } else if (body == null) {
                violation("a binary message that follows no response with \"body\":true");
            } else {
                body.accept(b);
            }
        });
        scheduleExpiry();
        server.events().record(new RelayEvent.ListenerConnected(Instant.now(), entity.name, trackingId, headers));
        LOG.log(Level.INFO, "Listener {0} online on ''{1}'' from {2} (skn={3}, token expires {4})",
                trackingId, entity.name, conn.remote(), keyName, tokenExpiry);
    }

    @Override
    public void closed(CloseReason reason) {
        LOG.log(Level.INFO, "Listener {0} on ''{1}'' closed: {2} {3}", trackingId, entity.name,
                String.valueOf(reason.getCloseCode().getCode()), reason.getReasonPhrase());
        recordClose(reason.getCloseCode().getCode(), reason.getReasonPhrase());
        connectionClosed();
    }

    @Override
    public void connectionClosed() {
        if (session != null) {
            recordClose(1006, "");
        }
        entity.remove(this);
        server.http().listenerGone(this);
        synchronized (this) {
            if (expiryTask != null) {
                expiryTask.cancel(false);
            }
        }
    }

    private void recordClose(int code, String reason) {
        if (closeRecorded.compareAndSet(false, true)) {
            server.events().record(new RelayEvent.ListenerClosed(Instant.now(), entity.name, trackingId, headers,
                    code, reason));
        }
    }

    private void onText(String text) {
        // Tyrus does not enforce setMaxTextMessageBufferSize on whole-message handlers
        if (text.length() > MAX_CONTROL_MESSAGE / 4
                && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CONTROL_MESSAGE) {
            LOG.log(Level.WARNING, "Listener {0} on ''{1}'' sent a control message over 64 KiB; closing with 1009",
                    trackingId, entity.name);
            close(1009, "Control messages are limited to 64 KiB.");
            return;
        }
        ControlMessages.Command command;
        try {
            command = ControlMessages.read(text);
        } catch (ControlMessages.Malformed e) {
            violation(e.getMessage());
            return;
        }
        if ("response".equals(command.name())) {
            onResponse(command);
            return;
        }
        if (!"renewToken".equals(command.name())) {
            violation("the unknown control command '" + Target.abbreviate(command.name()) + "'");
            return;
        }
        String token = command.string("token");
        if (token == null) {
            violation("a renewToken command without a string 'token'");
            return;
        }
        try {
            Authorizer.Grant renewed = server.authorizeListener(token, entity, audiences);
            keyName = renewed.keyName();
            tokenExpiry = renewed.expiresAt();
            scheduleExpiry();
            server.events().record(new RelayEvent.ListenerRenewed(Instant.now(), entity.name, trackingId, headers,
                    keyName, tokenExpiry));
            LOG.log(Level.INFO, "Listener {0} renewed its token (skn={1}, expires {2})", trackingId, keyName,
                    tokenExpiry);
        } catch (RelayFailure f) {
            VIOLATIONS.log(Level.WARNING, "renewToken " + f.status(), "Listener " + trackingId
                    + " sent a renewToken that is not valid: " + f.description() + "; closing with 1008");
            close(1008, f.description());
        }
    }

    private void onResponse(ControlMessages.Command response) {
        String requestId = response.string("requestId");
        if (requestId == null) {
            violation("a response command without a string 'requestId'");
            return;
        }
        JsonObject command = response.object();
        Consumer<ByteBuffer> body = server.http().controlResponse(this, requestId, command);
        if (command.get("body") == JsonValue.TRUE) {
            pendingBody = body;
        }
    }

    private void violation(String what) {
        // one line a minute per kind of violation: a misbehaving client can send thousands
        VIOLATIONS.log(Level.WARNING, what.replaceAll("'[^']*'|\\d+", "_"), "Listener " + trackingId + " on '"
                + entity.name + "' sent " + what + "; closing with 1008");
        close(1008, "Received " + what + ".");
    }

    private synchronized void scheduleExpiry() {
        if (expiryTask != null) {
            expiryTask.cancel(false);
        }
        long millis = Math.max(0, Duration.between(Instant.now(), tokenExpiry).toMillis());
        expiryTask = server.timer().schedule(this::expireNow, millis, TimeUnit.MILLISECONDS);
    }

    /** Treats the token as expired now: the control channel closes with 1008, as Azure does. */
    void expireNow() {
        LOG.log(Level.INFO, "Listener {0} token expired (skn={1}); closing with 1008", trackingId, keyName);
        close(1008, "ExpiredToken: The token is expired and was not renewed.");
    }

    /**
     * Called by the relay's sweep: pings a silent control channel, and drops one that left a ping
     * unanswered (no close frame: it would not arrive), so that no sender is routed to it any more.
     */
    void checkLiveness(long now) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        switch (liveness.poll(now)) {
            case PING -> {
                try {
                    s.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | IllegalStateException e) {
                    // closing anyway; its close listener removes it
                }
            }
            case DEAD -> {
                LOG.log(Level.INFO, "Listener {0} on ''{1}'' did not answer a ping within {2} ms; dropping it",
                        trackingId, entity.name, server.settings().listenerPingTimeout().toMillis());
                entity.remove(this);
                conn.close();
            }
            case WAIT -> {
                // healthy, or a ping is on its way
            }
        }
    }

    /** False if a message would not go out: not open, or black-holed (which swallows it). */
    boolean reachable() {
        Session s = session;
        return s != null && s.isOpen() && !conn.blackHole;
    }

    /** Sends an accept or request message, if {@link #reachable()}. */
    synchronized void send(String json) {
        if (reachable()) { // once set, the session is never unset
            session.getAsyncRemote().sendText(json);
        }
    }

    /** Sends a request message and its body as the very next message: nothing may come between. */
    synchronized void send(String json, ByteBuffer body) {
        if (reachable()) {
            session.getAsyncRemote().sendText(json);
            session.getAsyncRemote().sendBinary(body);
        }
    }

    /** Closes the control channel with a WebSocket close frame. */
    void close(int code, String reason) {
        conn.closeSession(session, new CloseReason(CloseReason.CloseCodes.getCloseCode(code), closeReasonText(reason)),
                conn::close);
    }

    /** WebSocket close reasons are limited to 123 bytes of UTF-8. */
    static String closeReasonText(String reason) {
        String r = reason == null ? "" : reason;
        if (utf8Length(r) <= 123) {
            return r;
        }
        int end = r.length();
        while (end > 0 && (utf8Length(r.substring(0, end)) > 120 || Character.isHighSurrogate(r.charAt(end - 1)))) {
            end--;
        }
        return r.substring(0, end) + "...";
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
