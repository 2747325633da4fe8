// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package com.example.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.hyco.relay.HybridConnections;
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

/** A user's first test: an ordinary endpoint served through the emulator, and a sender. */
@RelayEmulatorTest(hybridConnections = "echo")
class EchoThroughRelayTest {

    @RelayEndpoint("echo")
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String message) {
            return "echo: " + message;
        }
    }

    @ClientEndpoint
    public static class Sender {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String message) {
            received.add(message);
        }
    }

    @Test
    void echoesThroughTheRelay(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString())
                .build()) {
            container.addEndpoint(Echo.class);
            RelayListener listener = container.listener("echo").orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!listener.isOnline() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(listener.isOnline(), () -> "listener not online: " + listener.lastError());

            Sender sender = new Sender();
            try (Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), sender)) {
                session.getBasicRemote().sendText("hello");
                assertEquals("echo: hello", sender.received.poll(20, TimeUnit.SECONDS));
            }
        }
    }
}
