// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.Flood;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * An endpoint blocked in {@code onMessage} holds its session's reading: the listener stops reading
 * the rendezvous (it queues only a few chunks), TCP pushes back through the relay, and the sender
 * stalls; once the endpoint goes on, every message arrives, in order.
 */
@RelayEmulatorTest(hybridConnections = "blocked")
class BlockedEndpointIT {

    private static final int MESSAGES = 4096;
    private static final int MESSAGE = 64 * 1024; // 256 MiB in all

    @RelayEndpoint("blocked")
    @ServerEndpoint("/blocked")
    public static class Blocked {
        static final CountDownLatch GO = new CountDownLatch(1);
        static final AtomicLong RECEIVED = new AtomicLong();
        static volatile boolean inOrder = true;

        @OnMessage
        public void message(ByteBuffer message) throws InterruptedException {
            if (!GO.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never let go on");
            }
            if (message.getLong(0) != RECEIVED.getAndIncrement()) {
                inOrder = false;
            }
        }
    }

    @Test
    void aBlockedEndpointStallsItsSenderAndThenGetsEveryMessageInOrder(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, Blocked.class)) {
            Session sender = HybridConnections.relayedConnect(relay.sendUri("blocked"),
                    relay.createToken("blocked", Duration.ofMinutes(5)), new RecordingEndpoint());
            Flood flood = Flood.start(sender, MESSAGES, MESSAGE);

            // the sender stalls long before all 256 MiB are out
            long stalledAt = flood.awaitStall(Duration.ofSeconds(1), Duration.ofSeconds(30));
            assertThat(stalledAt).isLessThan(MESSAGES / 4);
            assertThat(Blocked.RECEIVED.get()).isZero();

            Blocked.GO.countDown();
            flood.awaitDone(Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(60)).until(() -> Blocked.RECEIVED.get() == MESSAGES);
            assertThat(Blocked.inOrder).isTrue();
            sender.close();
        }
    }
}
