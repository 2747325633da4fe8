// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's "Serve an endpoint through the relay" sample, with its placeholders filled in. */
@RelayEmulatorTest(hybridConnections = "echo")
class ReadmeSampleIT {

    @RelayEndpoint("echo")                  // the Hybrid Connection
    @ServerEndpoint("/echo")                // unchanged
    public static class Echo {
        @OnMessage public String echo(String message) { return message; }
    }

    @ClientEndpoint
    public static class MyClient {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String message) {
            received.add(message);
        }
    }

    @Test
    void theSampleServesAndConnects(RelayEmulator relay) throws Exception {
        String connectionString = relay.connectionString();
        String namespace = RelayConnectionString.parse(connectionString).webSocketNamespace();
        String token = relay.createToken("echo", Duration.ofMinutes(5));
        MyClient client = new MyClient();

        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(connectionString)   // Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…
                .build()) {
            container.addEndpoint(Echo.class);
            RelayListener listener = container.listener("echo").orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(listener::isOnline);

            Session session = HybridConnections.relayedConnect(
                    HybridConnections.createRelaySendUri(namespace, "echo"), token, client);
            session.getBasicRemote().sendText("as the README says");

            assertThat(client.received.poll(10, TimeUnit.SECONDS)).isEqualTo("as the README says");
            session.close();
        }
    }
}
