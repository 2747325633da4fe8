// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.Session;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rejected senders make failed handshakes on both sides (the listener's reject ends in 410, the
 * sender's upgrade in the listener's status). Sessions that are open meanwhile must keep working.
 */
@RelayEmulatorTest(hybridConnections = "echo")
class FailedHandshakesIT {

    @Test
    void openSessionsSurviveManyRejectedSenders(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            container.addEndpoint(EchoEndpoint.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("echo").orElseThrow().isOnline());
            String token = relay.createToken("echo", Duration.ofMinutes(5));
            RecordingEndpoint client = new RecordingEndpoint();
            Session open = HybridConnections.relayedConnect(relay.sendUri("echo"), token, client);

            URI noSuchPath = URI.create(relay.sendUri("echo").toString().replace("/echo?", "/echo/nothing-here?"));
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> HybridConnections.relayedConnect(noSuchPath, token, new RecordingEndpoint()))
                        .isInstanceOf(EndpointNotFoundException.class);
                open.getBasicRemote().sendText("still here " + i);
                assertThat(client.next()).isEqualTo("still here " + i);
            }
            open.close();
        }
    }
}
