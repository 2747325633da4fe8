// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end of a session over {@code wss://} as Jetty ends it: the last data frame, the close frame,
 * then TLS close_notify and a TCP half-close, often all in one read on the relay's side. The peer
 * must get the data and the close code and reason, every time, whichever side ends.
 */
class TlsClosePathIT {

    private static final int ROUNDS = 100;

    private static RelayEmulator relay;
    private static ClientManager client;
    private static Peer control;
    private static Map<String, String> auth;

    @BeforeAll
    static void start() throws Exception {
        relay = RelayEmulator.builder().hybridConnection("hyco").tlsPort(0).start();
        client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                new SslEngineConfigurator(relay.sslContext(), true, false, false));
        auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
        control = Peer.connect(client, relay.tlsListenUri("hyco"), auth, List.of());
    }

    @AfterAll
    static void stop() {
        control.closeQuietly();
        client.shutdown();
        relay.close();
    }

    /** Ends the session from the raw TLS socket: data, close 1000 "bye", close_notify, half-close. */
    private static void endLikeJetty(RawHttp raw) throws Exception {
        raw.send(RawHttp.frame(1, true, "last words".getBytes(StandardCharsets.UTF_8)));
        raw.send(RawHttp.frame(8, true, ByteBuffer.allocate(5).putShort((short) 1000)
                .put("bye".getBytes(StandardCharsets.US_ASCII)).array()));
        raw.socket.shutdownOutput(); // the JDK's TLS socket sends close_notify, then shuts the TCP output
    }

    private static void assertPeerGotEverything(Peer peer, int round) {
        CloseReason reason = peer.closeReason();
        assertThat(peer.next()).as("round %d: the data frame", round).isEqualTo("last words");
        assertThat(reason.getCloseCode().getCode()).as("round %d: the close code", round).isEqualTo(1000);
        assertThat(reason.getReasonPhrase()).as("round %d: the close reason", round).isEqualTo("bye");
    }

    @Test
    void aSenderEndingWithCloseNotifyAndHalfCloseLosesNothing() throws Exception {
        int port = relay.tlsPort().getAsInt();
        for (int round = 0; round < ROUNDS; round++) {
            try (RawHttp sender = RawHttp.openTls(port, relay.sslContext())) {
                CompletableFuture<RawHttp.Response> upgraded = CompletableFuture.supplyAsync(() -> {
                    try {
                        return sender.upgrade(port, "/$hc/hyco?sb-hc-action=connect", auth);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                String address = control.json().getJsonObject("accept").getString("address");
                Peer rendezvous = Peer.connect(client, URI.create(address), Map.of(), List.of());
                assertThat(upgraded.get(10, TimeUnit.SECONDS).status()).isEqualTo(101);
                endLikeJetty(sender);
                assertPeerGotEverything(rendezvous, round);
            }
        }
    }

    @Test
    void aListenerEndingWithCloseNotifyAndHalfCloseLosesNothing() throws Exception {
        int port = relay.tlsPort().getAsInt();
        for (int round = 0; round < ROUNDS; round++) {
            CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
                try {
                    return Peer.connect(client, relay.tlsSendUri("hyco"), auth, List.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            URI address = URI.create(control.json().getJsonObject("accept").getString("address"));
            try (RawHttp rendezvous = RawHttp.openTls(port, relay.sslContext())) {
                assertThat(rendezvous.upgrade(port, address.getRawPath() + "?" + address.getRawQuery(), Map.of())
                        .status()).isEqualTo(101);
                Peer s = sender.get(10, TimeUnit.SECONDS);
                endLikeJetty(rendezvous);
                assertPeerGotEverything(s, round);
            }
        }
    }
}
