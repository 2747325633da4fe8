// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.Session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A burst of large messages to a listener over {@code wss://}: the rendezvous socket decrypts more
 * than one read buffer holds, and answers faster than the relay takes it; every message comes back,
 * in order.
 */
@RelayEmulatorTest(hybridConnections = "echo", tls = true)
class RendezvousOverTlsIT {

    @Test
    void aBurstOfLargeMessagesIsReadAndAnsweredToTheLastOne(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString()).sslContext(relay.sslContext()), EchoEndpoint.class)) {
            RecordingEndpoint r = new RecordingEndpoint();
            Session s = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), r);
            String big = "x".repeat(60_000);
            int n = 300;
            for (int i = 0; i < n; i++) {
                s.getAsyncRemote().sendText(i + big);
            }
            for (int i = 0; i < n; i++) {
                assertThat(r.next()).startsWith(i + "x").hasSize(String.valueOf(i).length() + big.length());
            }
            s.close();
        }
    }
}
