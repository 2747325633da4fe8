// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelaySessions;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** One endpoint blocking in @OnMessage does not stall the others; relay facts are user properties. */
@RelayEmulatorTest(hybridConnections = {"slow", "fast"})
class IsolationIT {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @RelayEndpoint("slow")
    @ServerEndpoint("/slow")
    public static class Blocking {
        @OnMessage
        public String block(String m) throws InterruptedException {
            RELEASE.await(30, TimeUnit.SECONDS);
            return "released " + m;
        }
    }

    @RelayEndpoint("fast")
    @ServerEndpoint("/fast")
    public static class Facts {
        @OnMessage
        public String facts(String m, Session s) {
            return "tracking=" + RelaySessions.trackingId(s).orElse(null)
                    + " remote=" + RelaySessions.remoteAddress(s).isPresent()
                    + " hc=" + RelaySessions.hybridConnection(s).orElse(null)
                    + " userProperties=" + s.getUserProperties();
        }
    }

    @Test
    void blockedHandlersDoNotStallOtherSessions(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, Blocking.class, Facts.class)) {

            RecordingEndpoint[] slow = new RecordingEndpoint[8];
            for (int i = 0; i < slow.length; i++) {
                slow[i] = new RecordingEndpoint();
                HybridConnections.relayedConnect(relay.sendUri("slow"), relay.createToken("slow", Duration.ofMinutes(5)),
                        slow[i]).getBasicRemote().sendText("s" + i);
            }
            RecordingEndpoint fast = new RecordingEndpoint();
            Session s = HybridConnections.relayedConnect(relay.sendUri("fast"),
                    relay.createToken("fast", Duration.ofMinutes(5)), fast);
            s.getBasicRemote().sendText("facts?");
            assertThat(fast.next()).startsWith("tracking=").contains(" remote=true hc=fast userProperties={}");
            assertThat(slow[0].pending()).isEmpty();

            RELEASE.countDown();
            for (int i = 0; i < slow.length; i++) {
                assertThat(slow[i].next()).isEqualTo("released s" + i);
            }
        }
    }
}
