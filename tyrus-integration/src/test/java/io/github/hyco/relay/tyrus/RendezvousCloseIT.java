// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The close handshake of a rendezvous socket whose writes are queued: a sender that closes while a
 * large reply is on its way gets the listener's close frame after it, with the code it sent. Tyrus's
 * client never closes the socket itself after the handshake; the relay does, and the socket's end of
 * stream ends it, so nothing queued is dropped.
 */
@RelayEmulatorTest(hybridConnections = "burst")
class RendezvousCloseIT {

    static final CompletableFuture<CloseReason> LISTENER_CLOSED = new CompletableFuture<>();

    @RelayEndpoint("burst")
    @ServerEndpoint("/burst")
    public static class Burst {
        @OnMessage
        public void burst(Session session, String megabytes) {
            for (int i = 0; i < Integer.parseInt(megabytes); i++) {
                session.getAsyncRemote().sendBinary(ByteBuffer.allocate(1 << 20)); // queued: not written yet
            }
        }

        @OnClose
        public void closed(CloseReason reason) {
            LISTENER_CLOSED.complete(reason);
        }
    }

    @Test
    void aCloseFrameQueuedBehindALargeReplyStillReachesTheSender(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, Burst.class)) {

            RecordingEndpoint sender = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("burst"),
                    relay.createToken("burst", Duration.ofMinutes(5)), sender);
            session.getBasicRemote().sendText("32");
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "enough"));

            // the listener answered the close while 32 MiB waited: its close frame came after them
            assertThat(sender.closeReason(Duration.ofSeconds(30)).getCloseCode())
                    .isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
            assertThat(LISTENER_CLOSED.get(30, TimeUnit.SECONDS).getCloseCode())
                    .isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
        }
    }
}
