package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EchoTest {

    @RelayEndpoint("echo")
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @ClientEndpoint
    public static class Client {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String m) {
            received.add(m);
        }
    }

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
            container.addEndpoint(Echo.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("echo").orElseThrow().isOnline());

            Client client = new Client();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hello relay");
            assertThat(client.received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello relay");
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
            Client client = new Client();
            Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                    relay.createToken("echo", Duration.ofMinutes(5)), client);
            session.getBasicRemote().sendText("hi");
            assertThat(client.received.poll(10, TimeUnit.SECONDS)).isEqualTo("callback:hi");
            session.close();
        }
    }
}
