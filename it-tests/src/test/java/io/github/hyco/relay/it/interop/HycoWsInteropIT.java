// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real hyco-ws npm package against us, both ways, through the emulator. */
class HycoWsInteropIT {

    private static final Path NODE_MODULES = Path.of("..", "node-peers", "node_modules").toAbsolutePath().normalize();
    private static final Path SCRIPTS = Path.of("src", "test", "node").toAbsolutePath();
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
        Assumptions.assumeTrue(onPath("node"), "node is not on PATH");
        if (!Files.isDirectory(NODE_MODULES.resolve("hyco-ws"))) {
            throw new IllegalStateException("hyco-ws is not installed: run npm ci --prefix node-peers");
        }
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("interop").hybridConnection("nodelistener").start();
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static Process node(String script, String... args) throws Exception {
        return node(Map.of(), script, args);
    }

    private static Process node(Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", NODE_MODULES.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void hycoWsSenderReachesOurListenerWithBothOverTls(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path certificate = Files.writeString(dir.resolve("emulator.pem"), relay.certificatePem());
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString()).sslContext(relay.sslContext()).build()) {
            container.addEndpoint(Echo.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("interop").orElseThrow().isOnline());
            // Node trusts the emulator's self-signed certificate through NODE_EXTRA_CA_CERTS
            Process sender = node(Map.of("NODE_EXTRA_CA_CERTS", certificate.toString()), "hyco-ws-sender.js",
                    relay.tlsSendUri("interop").toString(), relay.createToken("interop", Duration.ofMinutes(5)),
                    "hello over tls");
            assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("received java:hello over tls");
        }
    }

    @Test
    void hycoWsSenderReachesOurListener() throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                .connectionString(relay.connectionString()).build()) {
            container.addEndpoint(Echo.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> container.listener("interop").orElseThrow().isOnline());
            Process sender = node("hyco-ws-sender.js", relay.sendUri("interop").toString(),
                    relay.createToken("interop", Duration.ofMinutes(5)), "hello from node");
            assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("received java:hello from node");
        }
    }

    @Test
    void ourSenderReachesAHycoWsListener() throws Exception {
        Process listener = node("hyco-ws-listener.js", relay.listenUri("nodelistener").toString(), relay.keyName(),
                relay.key());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("listening");
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session s = HybridConnections.relayedConnect(relay.sendUri("nodelistener"),
                    relay.createToken("nodelistener", Duration.ofMinutes(5)), new Endpoint() {
                        @Override
                        public void onOpen(Session session, EndpointConfig config) {
                            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
                        }
                    });
            s.getBasicRemote().sendText("hello from java");
            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("node:hello from java");
            s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        } finally {
            listener.destroy();
            listener.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
