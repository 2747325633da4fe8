// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.NodePeer;
import io.github.hyco.relay.testing.RecordingEndpoint;
import io.github.hyco.relay.tyrus.OnlineContainers;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real hyco-ws npm package against us, both ways, through the emulator. */
class HycoWsInteropIT {

    private static RelayEmulator relay;

    @RelayEndpoint("interop")
    @ServerEndpoint("/interop")
    public static class Echo {
        @OnMessage
        public String echo(String m) {
            return "java:" + m;
        }
    }

    @BeforeAll
    static void start() {
        NodePeer.requireNode();
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("interop").hybridConnection("nodelistener").start();
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void hycoWsSenderReachesOurListenerWithBothOverTls(@TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("emulator.pem"), relay.certificatePem());
        try (RelayedServerContainer container = OnlineContainers.deploy(RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString()).sslContext(relay.sslContext()), Echo.class)) {
            // Node trusts the emulator's self-signed certificate through NODE_EXTRA_CA_CERTS
            try (NodePeer sender = NodePeer.start(Map.of("NODE_EXTRA_CA_CERTS", certificate.toString()),
                    "hyco-ws-sender.js", relay.tlsSendUri("interop").toString(),
                    relay.createToken("interop", Duration.ofMinutes(5)), "hello over tls")) {
                sender.awaitLine("received java:hello over tls");
                sender.awaitExit(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void hycoWsSenderReachesOurListener() throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, Echo.class)) {
            try (NodePeer sender = NodePeer.start("hyco-ws-sender.js", relay.sendUri("interop").toString(),
                    relay.createToken("interop", Duration.ofMinutes(5)), "hello from node")) {
                sender.awaitLine("received java:hello from node");
                sender.awaitExit(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void ourSenderReachesAHycoWsListener() throws Exception {
        try (NodePeer listener = NodePeer.start("hyco-ws-listener.js", relay.listenUri("nodelistener").toString(),
                relay.keyName(), relay.key())) {
            assertThat(listener.nextLine()).isEqualTo("listening");
            RecordingEndpoint sender = new RecordingEndpoint();
            Session s = HybridConnections.relayedConnect(relay.sendUri("nodelistener"),
                    relay.createToken("nodelistener", Duration.ofMinutes(5)), sender);
            s.getBasicRemote().sendText("hello from java");
            assertThat(sender.next()).isEqualTo("node:hello from java");
            s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        }
    }
}
