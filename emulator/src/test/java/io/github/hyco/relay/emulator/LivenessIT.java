// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The relay's own keep-alive on control channels: a listener that stops answering pings is
 * dropped and senders are no longer routed to it. Raw sockets answer pings only when a test says so.
 */
class LivenessIT {

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .acceptTimeout(Duration.ofSeconds(2))
            .listenerKeepAlive(Duration.ofMillis(200), Duration.ofMillis(500))
            .start();

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(Peer::closeQuietly);
    }

    private static Map<String, String> auth(RelayEmulator relay) {
        return Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
    }

    private static RawHttp rawListener(RelayEmulator relay) throws Exception {
        RawHttp listener = RawHttp.open(relay.port());
        assertThat(listener.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen", auth(relay)).status())
                .isEqualTo(101);
        return listener;
    }

    private static int sendStatus(RelayEmulator relay) {
        try {
            Peer.connect(relay.sendUri("hyco"), auth(relay)).closeQuietly();
            return 101;
        } catch (Exception e) {
            return Peer.statusOf(e);
        }
    }

    @Test
    void answeredPingsKeepAListenerOnlineAnUnansweredOneDropsIt() throws Exception {
        try (RawHttp listener = rawListener(relay)) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Frame ping = listener.readFrame();
                assertThat(ping.opcode()).as("a ping").isEqualTo(9);
                listener.send(RawHttp.frame(10, true, ping.payload()));
            }
            assertThat(relay.listenerCount("hyco")).isEqualTo(1);

            assertThat(listener.readFrame().opcode()).as("a ping").isEqualTo(9); // and no pong this time
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.listenerCount("hyco") == 0);
            assertThatThrownBy(listener::readFrame).as("the relay closed the socket").isInstanceOf(Exception.class);
            assertThat(sendStatus(relay)).isEqualTo(404);
        }
    }

    @Test
    void sendersGoToTheHealthyListenerOnceASilentOneIsDropped() throws Exception {
        Peer healthy = Peer.connect(relay.listenUri("hyco"), auth(relay)); // Tyrus answers pings itself
        peers.add(healthy);
        try (RawHttp silent = rawListener(relay)) {
            assertThat(relay.listenerCount("hyco")).isEqualTo(2); // both registered before their 101
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.listenerCount("hyco") == 1);
            for (int i = 0; i < 5; i++) {
                CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
                    try {
                        Peer p = Peer.connect(relay.sendUri("hyco"), auth(relay));
                        peers.add(p);
                        return p;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                JsonObject accept = healthy.json().getJsonObject("accept");
                peers.add(Peer.connect(URI.create(accept.getString("address"))));
                assertThat(sender.get(10, TimeUnit.SECONDS).session().isOpen()).isTrue();
            }
        }
    }

    @Test
    void aBlackHoledListenerIsDroppedAndSendersGet404() throws Exception {
        Peer listener = Peer.connect(relay.listenUri("hyco"), auth(relay));
        peers.add(listener);
        relay.faults().blackHoleListeners("hyco");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.listenerCount("hyco") == 0);
        assertThat(sendStatus(relay)).isEqualTo(404);
        assertThat(listener.closeReason().getCloseCode().getCode()).isEqualTo(1006);
        // what the relay remembers: the listener gone without a close frame, the sender refused
        assertThat(relay.takeEvent(RelayEvent.ListenerClosed.class, Duration.ofSeconds(10)).closeCode())
                .isEqualTo(1006);
        assertThat(relay.takeEvent(RelayEvent.SenderRejected.class, Duration.ofSeconds(10)).status()).isEqualTo(404);
    }

    @Test
    void keepAliveDurationsMustBePositive() {
        assertThatThrownBy(() -> RelayEmulator.builder().listenerKeepAlive(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listenerKeepAlive interval must be positive, was PT0S");
    }
}
