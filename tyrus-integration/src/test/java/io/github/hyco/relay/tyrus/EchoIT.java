// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.Session;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoIT {

    private RelayEmulator relay;

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void anUnchangedServerEndpointEchoesThroughTheRelay() throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            container.addEndpoint(EchoEndpoint.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("echo").orElseThrow().isOnline());

            RecordingEndpoint client = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hello relay");
            assertThat(client.next()).isEqualTo("hello relay");
            session.close();
        }
    }

    @Test
    void createRelayedServerHandsEachSessionToTheCallbackAsHycoWsDoes() throws Exception {
        try (RelayedServerContainer server = HybridConnections.createRelayedServer(
                RelayedServerContainer.builder().connectionString(relay.connectionString("echo")),
                session -> session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) m -> {
                    try {
                        session.getBasicRemote().sendText("callback:" + m);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> server.listener("echo").orElseThrow().isOnline());
            RecordingEndpoint client = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hi");
            assertThat(client.next()).isEqualTo("callback:hi");
            session.close();
        }
    }
}
