// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.spi.ClientContainer;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.Writer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole frames given straight to a real Tyrus client session (its engine upgraded without a socket):
 * what its endpoint gets, what it answers, how it closes.
 */
class TyrusFramesTest {

    /** The connection of the last upgrade (Tyrus makes its container by name, so it is static). */
    private static volatile Connection connection;
    private static final List<ByteBuffer> WRITTEN = new CopyOnWriteArrayList<>();

    /** Upgrades at once, writing into {@link #WRITTEN}. */
    public static final class SocketlessContainer implements ClientContainer {
        @Override
        public void openClientSocket(ClientEndpointConfig config, Map<String, Object> properties,
                ClientEngine engine) {
            UpgradeRequest request = engine.createUpgradeRequest(() -> { });
            TyrusUpgradeResponse response = new TyrusUpgradeResponse();
            response.setStatus(101);
            response.getHeaders().put("Upgrade", List.of("websocket"));
            response.getHeaders().put("Connection", List.of("Upgrade"));
            response.getHeaders().put("Sec-WebSocket-Accept", List.of(accept(request.getHeader("Sec-WebSocket-Key"))));
            connection = engine.processResponse(response, new Writer() {
                @Override
                public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completion) {
                    WRITTEN.add(ByteBuffer.allocate(buffer.remaining()).put(buffer).flip());
                    completion.completed(buffer);
                }

                @Override
                public void close() {
                }
            }, reason -> { }).createConnection();
        }
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    private static String accept(String key) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private TyrusFrames sink;
    private FrameReader reader;

    @BeforeEach
    void open() throws Exception {
        WRITTEN.clear();
        ClientManager client = ClientManager.createClient(SocketlessContainer.class.getName());
        client.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, 1_000);
        client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, received::add);
                session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    received.add(bytes);
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                received.add(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://localhost/frames"));
        sink = TyrusFrames.of(connection.getReadHandler());
        reader = new FrameReader(1_000);
    }

    private static byte[] frame(int first, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        out.write((mask == null ? 0 : 0x80) | payload.length);
        if (mask != null) {
            out.writeBytes(mask);
            payload = payload.clone();
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void feed(byte[] bytes) {
        reader.read(ByteBuffer.wrap(bytes), sink);
    }

    private Object next() throws InterruptedException {
        return received.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void framesSkipTyrusReadHandlerOnThisTyrus() {
        assertThat(sink.direct()).isTrue();
    }

    @Test
    void textBinaryMaskedAndFragmentedMessagesReachTheEndpointWhole() throws Exception {
        feed(frame(0x81, utf8("héllo"), null));
        assertThat(next()).isEqualTo("héllo");
        feed(frame(0x82, new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6}));
        assertThat(next()).isEqualTo(new byte[] {1, 2, 3});
        feed(frame(0x01, utf8("frag"), null));
        feed(frame(0x89, utf8("ping in between"), null));
        feed(frame(0x80, utf8("mented"), null));
        assertThat(next()).isEqualTo("fragmented");
    }

    @Test
    void aPingIsAnsweredWithAPongOfItsPayload() throws Exception {
        feed(frame(0x89, utf8("are you there"), null));
        org.awaitility.Awaitility.await().until(() -> !WRITTEN.isEmpty());
        ByteBuffer pong = WRITTEN.get(0);
        assertThat(pong.get(0) & 0xff).as("FIN + pong").isEqualTo(0x8A);
        assertThat(pong.get(1) & 0x7f).isEqualTo("are you there".length());
    }

    @Test
    void aCloseFrameClosesTheSessionWithItsCodeAndReason() throws Exception {
        ByteBuffer close = ByteBuffer.allocate(2 + 3).putShort((short) 4001).put(utf8("bye")).flip();
        byte[] payload = new byte[close.remaining()];
        close.get(payload);
        feed(frame(0x88, payload, null));
        CloseReason reason = (CloseReason) next();
        assertThat(reason.getCloseCode().getCode()).isEqualTo(4001);
        assertThat(reason.getReasonPhrase()).isEqualTo("bye");
    }

    @Test
    void aFragmentedControlFrameIsAProtocolError() throws Exception {
        feed(frame(0x09, utf8("ping"), null));
        assertThat(((CloseReason) next()).getCloseCode()).isEqualTo(CloseReason.CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aContinuationWithoutAStartIsAProtocolError() throws Exception {
        feed(frame(0x80, utf8("orphan"), null));
        assertThat(((CloseReason) next()).getCloseCode()).isEqualTo(CloseReason.CloseCodes.PROTOCOL_ERROR);
    }

    @Test
    void aFrameLongerThanTyrusTakesClosesTheSessionAs1011AsItAlwaysDid() throws Exception {
        byte[] big = new byte[2_000];
        ByteBuffer frame = ByteBuffer.allocate(4 + big.length).put((byte) 0x82).put((byte) 126)
                .putShort((short) big.length).put(big).flip();
        reader.read(frame, sink);
        assertThat(((CloseReason) next()).getCloseCode()).isEqualTo(CloseReason.CloseCodes.UNEXPECTED_CONDITION);
    }
}
