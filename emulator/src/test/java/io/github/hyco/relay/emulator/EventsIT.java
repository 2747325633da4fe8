// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.emulator.RelayEvent.AcceptSent;
import io.github.hyco.relay.emulator.RelayEvent.ListenerClosed;
import io.github.hyco.relay.emulator.RelayEvent.ListenerConnected;
import io.github.hyco.relay.emulator.RelayEvent.ListenerRenewed;
import io.github.hyco.relay.emulator.RelayEvent.SenderClosed;
import io.github.hyco.relay.emulator.RelayEvent.SenderConnected;
import io.github.hyco.relay.emulator.RelayEvent.SenderRejected;
import io.github.hyco.relay.emulator.RelayEvent.SenderSpliced;

import jakarta.websocket.CloseReason;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The emulator's memory: every kind of event, as plain Tyrus clients cause them. */
class EventsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SENDER_ID = "0f5b0d5e-6a43-4d9e-9f7a-2a1c4c4f0e11";

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .hybridConnection("quiet")
            .acceptTimeout(Duration.ofSeconds(1))
            .start();

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(Peer::closeQuietly);
    }

    private Peer track(Peer peer) {
        peers.add(peer);
        return peer;
    }

    private static Map<String, String> auth(RelayEmulator relay, String hc) {
        return Map.of("ServiceBusAuthorization", relay.createToken(hc, Duration.ofHours(1)), "X-Who", "test");
    }

    private CompletableFuture<Peer> sendAsync(RelayEmulator relay) {
        URI uri = URI.create(relay.sendUri("hyco") + "&sb-hc-id=" + SENDER_ID);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return track(Peer.connect(uri, auth(relay, "hyco")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void listenerConnectedRenewedAndClosed() throws Exception {
        Instant before = Instant.now();
        Peer listener = track(Peer.connect(URI.create(relay.listenUri("hyco") + "&sb-hc-id=listener-1"),
                auth(relay, "hyco")));

        ListenerConnected connected = relay.takeEvent(ListenerConnected.class, WAIT);
        assertThat(connected.hybridConnection()).isEqualTo("hyco");
        assertThat(connected.trackingId()).startsWith("listener-1_G");
        assertThat(connected.at()).isBetween(before, Instant.now());
        assertThat(connected.headers()).containsEntry("X-Who", "test").doesNotContainKey("ServiceBusAuthorization");

        listener.send("{\"renewToken\":{\"token\":\"" + relay.createToken("hyco", Duration.ofHours(2)) + "\"}}");
        ListenerRenewed renewed = relay.takeEvent(ListenerRenewed.class, WAIT);
        assertThat(renewed.trackingId()).isEqualTo(connected.trackingId());
        assertThat(renewed.keyName()).isEqualTo(relay.keyName());
        assertThat(renewed.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(119)));

        listener.close(4000, "bye");
        ListenerClosed closed = relay.takeEvent(ListenerClosed.class, WAIT);
        assertThat(closed.trackingId()).isEqualTo(connected.trackingId());
        assertThat(closed.closeCode()).isEqualTo(4000);
        assertThat(closed.reason()).isEqualTo("bye");
    }

    @Test
    void senderConnectedAcceptSentSplicedAndClosedInThatOrder() throws Exception {
        Peer listener = track(Peer.connect(relay.listenUri("hyco"), auth(relay, "hyco")));
        String listenerId = relay.takeEvent(ListenerConnected.class, WAIT).trackingId();
        CompletableFuture<Peer> sender = sendAsync(relay);
        String address = listener.json().getJsonObject("accept").getString("address");
        Peer rendezvous = track(Peer.connect(URI.create(address)));
        sender.get(10, TimeUnit.SECONDS).close(4001, "done");
        rendezvous.closeReason();

        SenderConnected connected = (SenderConnected) relay.takeEvent(WAIT);
        assertThat(connected.trackingId()).startsWith(SENDER_ID + "_G");
        assertThat(connected.listenerTrackingId()).isEqualTo(listenerId);
        assertThat(connected.headers()).containsEntry("X-Who", "test").doesNotContainKey("ServiceBusAuthorization");
        AcceptSent accept = (AcceptSent) relay.takeEvent(WAIT);
        assertThat(accept.trackingId()).isEqualTo(connected.trackingId());
        assertThat(accept.address()).isEqualTo(address);
        SenderSpliced spliced = (SenderSpliced) relay.takeEvent(WAIT);
        assertThat(spliced.trackingId()).isEqualTo(connected.trackingId());
        SenderClosed closed = (SenderClosed) relay.takeEvent(WAIT);
        assertThat(closed.trackingId()).isEqualTo(connected.trackingId());
        assertThat(closed.closeCode()).isEqualTo(4001);
        assertThat(closed.reason()).isEqualTo("done");
        assertThat(closed.byListener()).isFalse();
        assertThat(List.of(connected.at(), accept.at(), spliced.at(), closed.at())).isSorted();
    }

    @Test
    void senderRejectedWithTheStatusItGot() throws Exception {
        assertThatThrownBy(() -> Peer.connect(relay.sendUri("nowhere"), auth(relay, "nowhere")));
        SenderRejected unknown = relay.takeEvent(SenderRejected.class, WAIT);
        assertThat(unknown.hybridConnection()).isEqualTo("nowhere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.trackingId()).isNotBlank();

        assertThatThrownBy(() -> Peer.connect(relay.sendUri("hyco"), Map.of()));
        assertThat(relay.takeEvent(SenderRejected.class, WAIT).status()).isEqualTo(401);

        Peer listener = track(Peer.connect(relay.listenUri("hyco"), auth(relay, "hyco")));
        CompletableFuture<Peer> sender = sendAsync(relay);
        String address = listener.json().getJsonObject("accept").getString("address");
        assertThatThrownBy(() -> Peer.connect(URI.create(address
                + "&sb-hc-statusCode=403&sb-hc-statusDescription=not%20you")));
        assertThat(sender).failsWithin(WAIT);
        SenderRejected byListener = relay.takeEvent(SenderRejected.class, e -> e.status() == 403, WAIT);
        assertThat(byListener.trackingId()).startsWith(SENDER_ID + "_G");
        assertThat(byListener.description()).isEqualTo("not you");
    }

    @Test
    void filteredTakesLeaveOtherEventsAndTimeOutWithNull() throws Exception {
        track(Peer.connect(relay.listenUri("quiet"), auth(relay, "quiet")));
        track(Peer.connect(relay.listenUri("hyco"), auth(relay, "hyco")));
        assertThat(relay.takeEvent(ListenerConnected.class, e -> e.hybridConnection().equals("hyco"), WAIT))
                .isNotNull();
        assertThat(relay.takeEvent(ListenerRenewed.class, Duration.ofMillis(50))).isNull();
        assertThat(relay.takeEvent(WAIT).hybridConnection()).isEqualTo("quiet");
        assertThat(relay.takeEvent(Duration.ZERO)).isNull();
        assertThatThrownBy(() -> relay.takeEvent(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be zero or positive, was PT-1S");
    }

    @Test
    void aListenerDroppedWithoutACloseFrameIsClosedWith1006() throws Exception {
        Peer listener = track(Peer.connect(relay.listenUri("hyco"), auth(relay, "hyco")));
        String id = relay.takeEvent(ListenerConnected.class, WAIT).trackingId();
        relay.faults().resetListeners("hyco");
        ListenerClosed closed = relay.takeEvent(ListenerClosed.class, WAIT);
        assertThat(closed.trackingId()).isEqualTo(id);
        assertThat(closed.closeCode()).isEqualTo(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode());
        listener.closeReason();
    }
}
