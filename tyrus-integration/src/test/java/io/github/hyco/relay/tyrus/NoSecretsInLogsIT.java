// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RejectHandshakeException;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every logger at ALL through listen, accept, reject, a query-token sender and a token renewal
 * against the real emulator: no line may show a signature or the key (issue 11, item 3).
 */
class NoSecretsInLogsIT {

    private static final String KEY_NAME = "RedactionTestPolicy";
    /** Not the emulator's public development key, so a leak of it is a leak of a real secret. */
    private static final String KEY = "cmVkYWN0aW9uLXRlc3Qta2V5Lydub3QtZm9yLXByb2R1Y3Rpb24rPw==";
    /** {@code sig}, plain or URL-encoded once or twice, followed by anything but the mask. */
    private static final Pattern UNMASKED_SIG = Pattern.compile("(?i)sig(=|%3D|%253D)(?!\\*\\*\\*)");

    private final Capture capture = new Capture();
    private final Map<Logger, Level> savedLevels = new HashMap<>();

    @RelayEndpoint("gate")
    @ServerEndpoint(value = "/gate", configurator = Gatekeeper.class)
    public static class Gate {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    public static class Gatekeeper extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            if (request.getHeaders().get("x-tenant") == null) {
                throw new RejectHandshakeException(429, "tenant required");
            }
        }
    }

    @BeforeEach
    void everyLoggerAtAll() {
        Logger root = Logger.getLogger("");
        raise(root);
        raise(Logger.getLogger("org.glassfish"));
        raise(Logger.getLogger("io.github.hyco"));
        // loggers that already have a level of their own would not inherit ALL
        for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
            Logger logger = LogManager.getLogManager().getLogger(name);
            if (logger != null && logger.getLevel() != null
                    && (name.startsWith("org.glassfish") || name.startsWith("io.github.hyco"))) {
                raise(logger);
            }
        }
        root.addHandler(capture);
    }

    private void raise(Logger logger) {
        savedLevels.put(logger, logger.getLevel());
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void restoreLevels() {
        Logger.getLogger("").removeHandler(capture);
        savedLevels.forEach(Logger::setLevel);
    }

    @Test
    void aFullListenAcceptRenewRejectCycleLogsNoSignatureAndNoKey() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(KEY, URLEncoder.encode(KEY, StandardCharsets.UTF_8)));
        try (RelayEmulator relay = RelayEmulator.builder().sharedAccessKey(KEY_NAME, KEY)
                .hybridConnection("gate").start();
             RelayedServerContainer container = OnlineContainers.deploy(RelayedServerContainer.builder()
                     .connectionString(relay.connectionString()).tokenValidity(Duration.ofSeconds(4)), Gate.class)) {

            String headerToken = relay.createToken("gate", Duration.ofMinutes(5));
            secrets.addAll(signatureForms(headerToken));
            RecordingEndpoint accepted = new RecordingEndpoint();
            Session session = HybridConnections.relayedConnect(relay.sendUri("gate"), headerToken, accepted, null,
                    Map.of("X-Tenant", List.of("7")));
            session.getBasicRemote().sendText("through the relay");
            assertThat(accepted.next()).isEqualTo("through the relay");

            assertThatThrownBy(() -> HybridConnections.relayedConnect(relay.sendUri("gate"), headerToken,
                    new RecordingEndpoint())).isInstanceOf(RelayException.class).hasMessageContaining("429");

            String queryToken = relay.createToken("gate", Duration.ofMinutes(5));
            secrets.addAll(signatureForms(queryToken));
            RecordingEndpoint viaQuery = new RecordingEndpoint();
            Session querySession = HybridConnections.relayedConnect(
                    HybridConnections.createRelaySendUri("ws://" + relay.namespace(), "gate", queryToken, null),
                    null, viaQuery, null, Map.of("X-Tenant", List.of("8")));
            querySession.getBasicRemote().sendText("token in the query");
            assertThat(viaQuery.next()).isEqualTo("token in the query");

            String forged = SharedAccessSignature.create("http://" + relay.namespace() + "/gate", KEY_NAME,
                    "not-the-key", Instant.now().plusSeconds(300)).token();
            secrets.addAll(signatureForms(forged));
            assertThatThrownBy(() -> HybridConnections.relayedConnect(
                    HybridConnections.createRelaySendUri("ws://" + relay.namespace(), "gate", forged, null),
                    null, new RecordingEndpoint())).isInstanceOf(AuthorizationFailedException.class);
            assertThatThrownBy(() -> HybridConnections.relayedConnect(relay.sendUri("gate"), forged, new RecordingEndpoint()))
                    .isInstanceOf(AuthorizationFailedException.class);

            // the listener renews at about 80 % of the 4-s validity; the emulator says when it got it
            await().atMost(Duration.ofSeconds(15)).until(() -> capture.contains("renewed its token"));
            session.close();
            querySession.close();
        }

        List<String> leaks = capture.lines.stream()
                .filter(line -> UNMASKED_SIG.matcher(line).find() || secrets.stream().anyMatch(line::contains))
                .toList();
        assertThat(leaks).as("log lines showing a signature or the key").isEmpty();
        // proof that the third-party loggers did run at ALL and their lines were masked, not lost
        assertThat(capture.lines).anyMatch(l -> l.startsWith("org.glassfish.tyrus.client")
                && l.contains("ServiceBusAuthorization") && l.contains("sig=***"));
        assertThat(capture.lines).anyMatch(l -> l.contains("renewToken") && l.contains("sig=***"));
        assertThat(capture.lines).anyMatch(l -> l.startsWith("org.glassfish.tyrus.core.TyrusWebSocketEngine")
                && l.toLowerCase(java.util.Locale.ROOT).contains("servicebusauthorization: sharedaccesssignature")
                && l.contains("sig=***"));
        assertThat(capture.lines).anyMatch(l -> l.startsWith("org.glassfish.tyrus.client")
                && l.contains("sb-hc-token=***"));
        assertThat(capture.lines).anyMatch(l -> l.startsWith("org.glassfish.grizzly") && l.contains(" FINEST "));
    }

    /** The signature as it appears in the token, decoded, and URL-encoded once more (sb-hc-token). */
    private static List<String> signatureForms(String token) {
        Matcher m = Pattern.compile("sig=([^&]+)").matcher(token);
        assertThat(m.find()).isTrue();
        String encoded = m.group(1);
        return List.of(encoded, URLDecoder.decode(encoded, StandardCharsets.UTF_8),
                URLEncoder.encode(encoded, StandardCharsets.UTF_8));
    }

    /** Renders each record when published: Grizzly recycles the packets it passes as parameters. */
    private static final class Capture extends Handler {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ')
                    .append(record.getLevel()).append(' ').append(formatter.formatMessage(record))
                    .append(" | raw: ").append(record.getMessage());
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(" | param: ").append(p);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(" | thrown: ").append(trace);
            }
            lines.add(line.toString());
        }

        boolean contains(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
