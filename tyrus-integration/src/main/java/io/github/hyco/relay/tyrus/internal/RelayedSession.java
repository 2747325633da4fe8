// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.internal.RelayFacts;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a relayed endpoint sees: the rendezvous socket (a Tyrus client session) dressed as the
 * server-side session it would have had on a direct server. Traffic, limits and closing go to the
 * rendezvous session; request facts, user properties, open sessions and the container are the
 * server's. Message handlers run with the deploying application's context class loader. The relay's facts are not user properties (a server has none there) but
 * {@link RelayFacts}, read through {@code RelaySessions}.
 */
final class RelayedSession implements Session, RelayFacts {

    private final Session socket;
    private final Deployment deployment;
    private final RelayedHandshake handshake;
    private final Map<String, Object> userProperties;
    private final Object endpointInstance;
    private final SessionHandlers handlers;

    /**
     * @param userProperties the session's own map, as Tyrus makes it: a copy of the handshake's
     * @param endpointInstance the endpoint instance that serves it
     */
    RelayedSession(Session socket, Deployment deployment, RelayedHandshake handshake,
            Map<String, Object> userProperties, Object endpointInstance) {
        this.socket = socket;
        this.endpointInstance = endpointInstance;
        this.deployment = deployment;
        this.handshake = handshake;
        this.userProperties = userProperties;
        this.handlers = new SessionHandlers(socket, deployment.loader());
    }

    @Override
    public String relayTrackingId() {
        return handshake.trackingId();
    }

    @Override
    public String relayHybridConnection() {
        return deployment.hybridConnection();
    }

    @Override
    public Optional<InetSocketAddress> relayRemoteAddress() {
        return handshake.remoteAddress();
    }

    Session socket() {
        return socket;
    }

    /** How long a message of this kind may be gathered whole before Tyrus ({@link FrameReader.Sink#wholeMessageLimit}). */
    long wholeMessageLimit(boolean text) {
        if (!handlers.takesWholeWithoutDecoder(text)) {
            return -1;
        }
        return text ? socket.getMaxTextMessageBufferSize() : socket.getMaxBinaryMessageBufferSize();
    }

    Object endpointInstance() {
        return endpointInstance;
    }

    @Override
    public WebSocketContainer getContainer() {
        return deployment.container();
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        handlers.add(handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        handlers.add(clazz, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        handlers.add(clazz, handler);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return socket.getProtocolVersion();
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return handshake.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of(); // none is applied on the rendezvous socket, so none is claimed
    }

    @Override
    public boolean isSecure() {
        return "wss".equalsIgnoreCase(handshake.request().getRequestURI().getScheme());
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public long getMaxIdleTimeout() {
        return socket.getMaxIdleTimeout();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        socket.setMaxIdleTimeout(milliseconds);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        socket.setMaxBinaryMessageBufferSize(length);
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return socket.getMaxBinaryMessageBufferSize();
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        socket.setMaxTextMessageBufferSize(length);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return socket.getMaxTextMessageBufferSize();
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return socket.getAsyncRemote();
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        return socket.getBasicRemote();
    }

    @Override
    public String getId() {
        return socket.getId();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public void close(CloseReason closeReason) throws IOException {
        socket.close(closeReason);
    }

    @Override
    public URI getRequestURI() {
        return handshake.request().getRequestURI();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return handshake.request().getParameterMap();
    }

    @Override
    public String getQueryString() {
        return handshake.request().getQueryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return handshake.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return deployment.openSessions();
    }

    @Override
    public String toString() {
        return "RelayedSession[id=" + getId() + ", uri=" + getRequestURI() + "]";
    }
}
