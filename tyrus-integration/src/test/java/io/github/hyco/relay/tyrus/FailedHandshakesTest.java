package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEmulatorTest;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rejected senders make failed handshakes on both sides (the listener's reject ends in 410, the
 * sender's upgrade in the listener's status). Sessions that are open meanwhile must keep working.
 */
@RelayEmulatorTest(hybridConnections = "echo")
class FailedHandshakesTest {

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

    @Test
    void openSessionsSurviveManyRejectedSenders(RelayEmulator relay) throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            container.addEndpoint(Echo.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("echo").orElseThrow().isOnline());
            String token = relay.createToken("echo", Duration.ofMinutes(5));
            Client client = new Client();
            Session open = HybridConnections.relayedConnect(relay.sendUri("echo"), token, client);

            URI noSuchPath = URI.create(relay.sendUri("echo").toString().replace("/echo?", "/echo/nothing-here?"));
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> HybridConnections.relayedConnect(noSuchPath, token, new Client()))
                        .isInstanceOf(EndpointNotFoundException.class);
                open.getBasicRemote().sendText("still here " + i);
                assertThat(client.received.poll(10, TimeUnit.SECONDS)).isEqualTo("still here " + i);
            }
            open.close();
        }
    }
}
