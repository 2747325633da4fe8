// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.testing.LogCapture;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;

/** A raw Tyrus client WebSocket that records what it receives. Not our container: plain Tyrus. */
final class Peer extends Endpoint {

    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    volatile Session session;
    volatile Map<String, List<String>> responseHeaders = Map.of();

    /**
     * Gives the peers' sessions their executors: a client that never connects, so Tyrus never
     * shuts them down. Tyrus does so whenever a client's last connection closes, racing with the
     * next connect (tyrus#640); these tests close and connect all the time.
     */
    private static final ClientManager SESSION_EXECUTORS = ClientManager.createClient();
    static final ClientManager CLIENT = shared();

    private static ClientManager shared() {
        ClientManager client = ClientManager.createClient(SESSION_EXECUTORS);
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 20_000);
        return client;
    }

    /**
     * Tyrus's Grizzly client (these peers, not the emulator) has races of its own when a connection
     * closes while bytes or its handshake response arrive: GRIZZLY0013 with a NullPointerException
     * ("taskProcessor" is null) or an IllegalStateException from {@code processResponse}, thrown in
     * its {@code GrizzlyClientFilter}. They are captured for as long as the peers are used; every
     * other filter-chain warning, the emulator's own included, is still printed.
     */
    private static final LogCapture CLIENT_FILTER_RACES = LogCapture
            .of("org.glassfish.grizzly.filterchain.DefaultFilterChain")
            .expecting(record -> record.getThrown() != null && java.util.Arrays.stream(record.getThrown()
                    .getStackTrace()).anyMatch(frame -> frame.getClassName()
                    .equals("org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter")))
            .start();

    /** Connects; throws {@link DeploymentException} (with the HTTP status) if the upgrade fails. */
    static Peer connect(URI uri, Map<String, String> headers, List<String> subprotocols)
            throws DeploymentException, IOException {
        return connect(CLIENT, uri, headers, subprotocols);
    }

    static Peer connect(ClientManager client, URI uri, Map<String, String> headers, List<String> subprotocols)
            throws DeploymentException, IOException {
        Peer peer = new Peer();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> requestHeaders) {
                        headers.forEach((k, v) -> requestHeaders.put(k, List.of(v)));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        peer.responseHeaders = new LinkedHashMap<>(response.getHeaders());
                    }
                })
                .build();
        client.connectToServer(peer, config, uri);
        return peer;
    }

    static Peer connect(URI uri, Map<String, String> headers) throws DeploymentException, IOException {
        return connect(uri, headers, List.of());
    }

    static Peer connect(URI uri) throws DeploymentException, IOException {
        return connect(uri, Map.of(), List.of());
    }

    /** The HTTP status of a failed upgrade. */
    static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeploymentHandshakeException h) {
                return h.getHttpStatusCode();
            }
        }
        throw new AssertionError("not a handshake failure", failure);
    }

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        session = s;
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
        s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            received.add(bytes);
        });
        s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p ->
                pongs.add(p.getApplicationData()));
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        closed.complete(reason);
    }

    Object next() {
        try {
            Object message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    String text() {
        Object message = next();
        assertThat(message).isInstanceOf(String.class);
        return (String) message;
    }

    byte[] binary() {
        Object message = next();
        assertThat(message).isInstanceOf(byte[].class);
        return (byte[]) message;
    }

    /** The next control-channel message, parsed. */
    JsonObject json() {
        return Json.createReader(new StringReader(text())).readObject();
    }

    CloseReason awaitClose() {
        try {
            return closed.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no close within 15 s", e);
        }
    }

    void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    void send(byte[] bytes) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    void close(int code, String reason) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    void closeQuietly() {
        Session s = session;
        if (s != null && s.isOpen()) {
            try {
                s.close();
            } catch (IOException e) {
                // test cleanup
            }
        }
    }

    static List<Peer> all(Peer... peers) {
        return new ArrayList<>(List.of(peers));
    }
}
