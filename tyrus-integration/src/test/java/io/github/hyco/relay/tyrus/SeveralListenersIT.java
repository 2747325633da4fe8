// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelaySessions;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @RelayEndpoint(listeners = n)}: n control channels on one Hybrid Connection. */
@RelayEmulatorTest(hybridConnections = "orders")
class SeveralListenersIT {

    @RelayEndpoint(value = "orders", listeners = 3)
    @ServerEndpoint("/orders")
    public static class Orders {
        @OnMessage
        public String echo(String m, Session session) {
            return m + " via " + RelaySessions.trackingId(session).orElseThrow();
        }
    }

    @RelayEndpoint("orders")
    @ServerEndpoint("/orders/audit")
    public static class Audit {
        @OnMessage
        public String echo(String m) {
            return "audit " + m;
        }
    }

    @Test
    void threeListenersServeTheHybridConnectionAndGoAwayWithTheEndpoint(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            container.addEndpoint(Audit.class);
            container.addEndpoint(Orders.class);

            await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("orders") == 3);
            List<RelayListener> listeners = container.listeners("orders");
            assertThat(listeners).hasSize(3);
            await().until(() -> listeners.stream().allMatch(RelayListener::isOnline));
            assertThat(container.listener("orders")).contains(listeners.get(0));

            List<Session> sessions = new ArrayList<>();
            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                RecordingEndpoint client = new RecordingEndpoint();
                sessions.add(HybridConnections.relayedConnect(relay.sendUri("orders"),
                        relay.createToken("orders", Duration.ofMinutes(5)), client));
                sessions.get(i).getBasicRemote().sendText("order " + i);
                answers.add(client.next());
            }
            assertThat(answers).hasSize(12).allMatch(a -> a.matches("order \\d+ via .+"));
            for (Session s : sessions) {
                s.close();
            }

            container.removeEndpoint(Orders.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("orders") == 1);
            assertThat(container.listeners("orders")).hasSize(1);

            container.removeEndpoint(Audit.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("orders") == 0);
            assertThat(container.listeners("orders")).isEmpty();
            assertThat(listeners).allMatch(l -> l.state() == RelayListener.State.CLOSED);
        }
    }

    @Test
    void aListenerCountOutsideAzuresLimitIsRefused(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Audit.class, "/orders/audit").build();
            config.getUserProperties().put(RelayedServerContainer.LISTENERS, 26);

            assertThatThrownBy(() -> container.addEndpoint(config, "orders"))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessage(Audit.class.getName() + " asks for 26 listeners; it must be an Integer from 1 to 25 "
                            + "(Azure's limit per Hybrid Connection)");
            assertThat(container.listeners()).isEmpty();
        }
    }
}
