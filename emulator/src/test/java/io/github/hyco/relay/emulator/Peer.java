// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;
import io.github.hyco.relay.testing.TyrusClients;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;

/** A raw Tyrus client WebSocket that records what it receives. Not our container: plain Tyrus. */
final class Peer extends RecordingEndpoint {

    static final ClientManager CLIENT = TyrusClients.shared();

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

    /** The next control-channel message, parsed. */
    JsonObject json() {
        return Json.createReader(new StringReader(next())).readObject();
    }

    void send(String text) throws IOException {
        session().getBasicRemote().sendText(text);
    }

    void send(byte[] bytes) throws IOException {
        session().getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    void close(int code, String reason) throws IOException {
        session().close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    void closeQuietly() {
        Session s = session();
        if (s.isOpen()) {
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
