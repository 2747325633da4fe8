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

@RelayEmulatorTest(hybridConnections = "echo", lifecycle = RelayEmulatorTest.Lifecycle.PER_METHOD)
class EchoIT {

    @Test
    void anUnchangedServerEndpointEchoesThroughTheRelay(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, EchoEndpoint.class)) {
            RecordingEndpoint client = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hello relay");
            assertThat(client.next()).isEqualTo("hello relay");
            session.close();
        }
    }

    @Test
    void createRelayedServerHandsEachSessionToTheCallbackAsHycoWsDoes(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer server = HybridConnections.createRelayedServer(
                RelayedServerContainer.builder().connectionString(relay.connectionString("echo")),
                session -> session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) m -> {
                    try {
                        session.getBasicRemote().sendText("callback:" + m);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }))) {
            OnlineContainers.awaitOnline(server);
            RecordingEndpoint client = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hi");
            assertThat(client.next()).isEqualTo("callback:hi");
            session.close();
        }
    }
}
