// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RejectHandshakeException;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelaySessions;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Path templates, routing of several endpoints on one Hybrid Connection, and rejections. */
class RoutingAndRejectIT {

    private static RelayEmulator relay;
    private RelayedServerContainer container;

    @RelayEndpoint("chat")
    @ServerEndpoint("/chat/{room}")
    public static class Room {
        @OnOpen
        public void open(Session s, @PathParam("room") String room) throws IOException {
            s.getBasicRemote().sendText("room=" + room + " uri=" + s.getRequestURI() + " query="
                    + s.getQueryString() + " params=" + s.getRequestParameterMap());
        }
    }

    @RelayEndpoint("chat")
    @ServerEndpoint("/chat/admin")
    public static class Admin {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("admin");
        }
    }

    @RelayEndpoint("orders")
    @ServerEndpoint("/ws")
    public static class Mounted {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("mounted " + s.getRequestURI().getPath());
        }
    }

    public static class Gatekeeper extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String origin) {
            return !"http://evil.example".equals(origin);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                jakarta.websocket.HandshakeResponse response) {
            List<String> tenant = request.getHeaders().get("x-tenant");
            if (tenant == null) {
                throw new RejectHandshakeException(429, "tenant required, try later");
            }
            sec.getUserProperties().put("tenant", tenant.get(0));
        }
    }

    @RelayEndpoint("gate")
    @ServerEndpoint(value = "/gate", configurator = Gatekeeper.class, subprotocols = {"v2.chat", "v1.chat"})
    public static class Gate {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("tenant=" + s.getUserProperties().get("tenant") + " protocol="
                    + s.getNegotiatedSubprotocol() + " tracking="
                    + RelaySessions.trackingId(s).isPresent());
        }
    }

    /** Holds the handshake until the container closes, then refuses it as a closing server would. */
    public static class UntilClosed extends ServerEndpointConfig.Configurator {
        static final CountDownLatch ENTERED = new CountDownLatch(1);

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                jakarta.websocket.HandshakeResponse response) {
            ENTERED.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the reject below runs interrupted
            }
            throw new RejectHandshakeException(503, "closing");
        }
    }

    @RelayEndpoint("closing")
    @ServerEndpoint(value = "/closing", configurator = UntilClosed.class)
    public static class Closing {
    }

    @BeforeAll
    static void startRelay() {
        relay = RelayEmulator.builder().hybridConnection("chat").hybridConnection("orders")
                .hybridConnection("gate").start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @BeforeEach
    void startContainer() {
        container = RelayedServerContainer.builder().connectionString(relay.connectionString()).build();
    }

    @AfterEach
    void closeContainer() {
        container.close();
    }

    private void online(String hc) {
        await().atMost(Duration.ofSeconds(10)).until(() -> container.listener(hc).orElseThrow().isOnline());
    }

    private RecordingEndpoint connect(String path) throws Exception {
        return connect(path, ClientEndpointConfig.Builder.create().build(), Map.of());
    }

    private RecordingEndpoint connect(String path, ClientEndpointConfig config, Map<String, List<String>> headers)
            throws Exception {
        RecordingEndpoint r = new RecordingEndpoint();
        String hc = path.split("[/?]")[0];
        HybridConnections.relayedConnect(URI.create("ws://" + relay.namespace() + "/$hc/" + path
                        + (path.contains("?") ? "&" : "?") + "sb-hc-action=connect"),
                relay.createToken(hc, Duration.ofMinutes(5)), r, config, headers);
        return r;
    }

    @Test
    void sendersAreRoutedByPathOverOneListener() throws Exception {
        container.addEndpoint(Room.class);
        container.addEndpoint(Admin.class);
        online("chat");
        assertThat(relay.listenerCount("chat")).isEqualTo(1);

        assertThat(connect("chat/lobby").next()).startsWith("room=lobby uri=ws://" + relay.namespace() + "/chat/lobby ");
        assertThat(connect("chat/admin").next()).isEqualTo("admin");
        assertThatThrownBy(() -> connect("chat/a/b")).isInstanceOf(EndpointNotFoundException.class)
                .hasMessageContaining("No endpoint at /chat/a/b");
        assertThatThrownBy(() -> connect("chat")).isInstanceOf(EndpointNotFoundException.class);
    }

    @Test
    void theSendersQueryReachesTheEndpointByteForByteWithoutRelayParameters() throws Exception {
        container.addEndpoint(Room.class);
        online("chat");
        assertThat(connect("chat/caf%C3%A9?x=%25%26%2B&y=a+b").next())
                .isEqualTo("room=café uri=ws://" + relay.namespace() + "/chat/caf%C3%A9?x=%25%26%2B&y=a+b"
                        + " query=x=%25%26%2B&y=a+b params={x=[%&+], y=[a b], room=[café]}"); // path params join, as on Tyrus
    }

    @Test
    void aTemplateNotStartingWithTheNameIsMountedBelowIt() throws Exception {
        container.addEndpoint(Mounted.class);
        online("orders");
        assertThat(connect("orders/ws").next()).isEqualTo("mounted /orders/ws");
        assertThatThrownBy(() -> connect("orders")).isInstanceOf(EndpointNotFoundException.class);
    }

    @Test
    void configuratorHooksRejectWithTheirStatusOrAcceptWithHeadersAndSubprotocol() throws Exception {
        container.addEndpoint(Gate.class);
        online("gate");
        ClientEndpointConfig v1 = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v1.chat")).build();

        assertThat(connect("gate", v1, Map.of("X-Tenant", List.of("7"))).next())
                .isEqualTo("tenant=7 protocol=v1.chat tracking=true");
        assertThatThrownBy(() -> connect("gate", v1, Map.of()))
                .isExactlyInstanceOf(RelayException.class)
                .satisfies(e -> {
                    assertThat(((RelayException) e).statusCode()).isEqualTo(429);
                    assertThat(((RelayException) e).description()).startsWith("tenant required, try later");
                    assertThat(((RelayException) e).trackingId()).isPresent();
                });
        assertThatThrownBy(() -> connect("gate", v1, Map.of("Origin", List.of("http://evil.example"),
                "X-Tenant", List.of("7"))))
                .isInstanceOf(AuthorizationFailedException.class)
                .satisfies(e -> assertThat(((RelayException) e).statusCode()).isEqualTo(403));
    }

    @Test
    void relayFailuresAreTyped() {
        assertThatThrownBy(() -> HybridConnections.relayedConnect(relay.sendUri("nowhere"),
                relay.createToken("nowhere", Duration.ofMinutes(1)), new RecordingEndpoint()))
                .isInstanceOf(EndpointNotFoundException.class);
        assertThatThrownBy(() -> HybridConnections.relayedConnect(relay.sendUri("chat"), null, new RecordingEndpoint()))
                .isInstanceOf(AuthorizationFailedException.class)
                .satisfies(e -> assertThat(((RelayException) e).statusCode()).isEqualTo(401));
    }

    @Test
    void anAcceptCutShortByClosingTheContainerIsCountedButNotAWarning() throws Exception {
        // its own relay: the sender, whose accept never comes, fails after a short accept timeout
        try (RelayEmulator own = RelayEmulator.builder().hybridConnection("closing")
                .acceptTimeout(Duration.ofSeconds(2)).start()) {
            RelayedServerContainer closing = RelayedServerContainer.builder()
                    .connectionString(own.connectionString()).build();
            closing.addEndpoint(Closing.class);
            RelayListener listener = closing.listener("closing").orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(listener::isOnline);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    HybridConnections.relayedConnect(own.sendUri("closing"),
                            own.createToken("closing", Duration.ofMinutes(5)), new RecordingEndpoint());
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            assertThat(UntilClosed.ENTERED.await(10, TimeUnit.SECONDS)).isTrue();

            try (LogCapture log = LogCapture.of("io.github.hyco.relay").start()) {
                closing.close();
                await().atMost(Duration.ofSeconds(10)).until(() -> listener.facts().failed() == 1);
                assertThat(log.warnings()).isEmpty();
            }
            assertThat(listener.state()).isEqualTo(RelayListener.State.CLOSED);
            assertThatThrownBy(() -> sender.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(RelayException.class);
        }
    }

    @Test
    void removingAnEndpointClosesItsSessionsWith1001AndTheLastOneTheListener() throws Exception {
        container.addEndpoint(Room.class);
        container.addEndpoint(Admin.class);
        online("chat");
        RecordingEndpoint lobby = connect("chat/lobby");
        RecordingEndpoint admin = connect("chat/admin");
        lobby.next();
        admin.next();

        assertThat(container.removeEndpoint(Room.class)).isTrue();
        assertThat(lobby.closeReason(Duration.ofSeconds(10)).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(admin.isClosed()).isFalse();
        assertThat(relay.listenerCount("chat")).isEqualTo(1);

        assertThat(container.removeEndpoint(Admin.class)).isTrue();
        assertThat(admin.closeReason(Duration.ofSeconds(10)).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.listenerCount("chat") == 0);
        assertThat(container.listener("chat")).isEmpty();
    }
}
